//! Impersonation pages: named after our brand, not at an official address,
//! showing at least two kinds of scam signal.

use brand_radar::impersonation::{check, is_official, signals};
use brand_radar::matcher::Matcher;
use brand_radar::watchlist::Watchlist;

fn list() -> Watchlist {
    Watchlist::parse(
        r#"{ "version": 1, "brands": [
          { "name": "雲朵咖啡", "aliases": ["雲朵", "Cloud Cafe"],
            "official": ["https://cloudcafe.example.tw", "https://www.facebook.com/cloudcafe.tw", "@cloudcafe.tw"] },
          { "name": "星巴克", "competitor": true, "official": ["https://starbucks.example"] },
          { "name": "無官網小店" } ] }"#,
    )
    .unwrap()
}

const SCAM: &str = "恭喜您中獎！請加ＬＩＮＥ ID：cloud888 領取，先匯運費 60 元，限時今天截止。";

#[test]
fn signals_are_folded_and_spanned() {
    let s = signals(SCAM);
    let kinds: Vec<&str> = s.iter().map(|x| x.kind).collect();
    for k in ["prize", "line", "transfer", "urgency"] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
    let utf16: Vec<u16> = SCAM.encode_utf16().collect();
    for x in &s {
        assert_eq!(
            String::from_utf16(&utf16[x.start as usize..x.end as usize]).unwrap(),
            x.text
        );
    }
    assert!(
        s.iter()
            .any(|x| x.text == "加ＬＩＮＥ ID" || x.text == "加ＬＩＮＥ"),
        "{s:?}"
    );
    // Latin terms are whole words.
    assert!(signals("a prizefighter's freedom").is_empty());
}

#[test]
fn official_addresses_and_handles() {
    let o: Vec<String> = list().brands[0].official.clone();
    for url in [
        "https://cloudcafe.example.tw/",
        "https://shop.cloudcafe.example.tw/promo",
        "http://www.cloudcafe.example.tw/x?y=1",
        "https://www.facebook.com/cloudcafe.tw",
        "https://www.facebook.com/cloudcafe.tw/posts/1",
        "https://www.instagram.com/cloudcafe.tw/",
        "https://www.threads.net/@cloudcafe.tw",
    ] {
        assert!(is_official(url, &o), "{url}");
    }
    for url in [
        "https://cloudcafe-example.tw/",
        "https://cloudcafe.example.tw.evil.com/",
        "https://evil.com/cloudcafe.example.tw",
        "https://www.facebook.com/cloudcafe.tw.gift",
        "https://www.facebook.com/groups/x/cloudcafe",
        "https://cloudcafe.example.tw@evil.com/",
    ] {
        assert!(!is_official(url, &o), "{url}");
    }
}

#[test]
fn flags_only_a_lookalike_with_two_kinds_of_signal() {
    let l = list();
    let m = Matcher::new(&l);
    let fake = "https://www.facebook.com/cloudcafe.tw.gift";
    let f = check(&m, &l, fake, "雲朵咖啡 官方粉絲團 週年慶", SCAM).expect("flagged");
    assert_eq!(f.name, "雲朵咖啡");
    assert!(f.kinds.len() >= 2);
    // The official page with the same text is not.
    assert!(check(
        &m,
        &l,
        "https://www.facebook.com/cloudcafe.tw",
        "雲朵咖啡 官方粉絲團",
        SCAM
    )
    .is_none());
    // A lookalike with only a time-limited sale is marketing, not a scam.
    assert!(check(&m, &l, fake, "雲朵咖啡", "冬季新品限時八折").is_none());
    // Named after a competitor, or a brand with no official address: no verdict.
    assert!(check(&m, &l, fake, "星巴克 抽獎", SCAM).is_none());
    assert!(check(&m, &l, fake, "無官網小店", SCAM).is_none());
    // A page about a scam is not one: a forum thread's question, a warning.
    assert!(check(&m, &l, fake, "[問卦] 雲朵咖啡是不是出事了？", SCAM).is_none());
    assert!(check(&m, &l, fake, "小心！冒名雲朵咖啡的假粉專", SCAM).is_none());
    assert!(check(&m, &l, fake, "Cloud Cafe scam warning", SCAM).is_none());
    // The brand must be in the page's name, not just its text.
    assert!(check(&m, &l, fake, "某論壇", &format!("雲朵咖啡 {SCAM}")).is_none());
}
