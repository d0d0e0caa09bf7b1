//! Whose voice a comment is in. On a brand's own page its replies sit among
//! the customers' comments (「非常抱歉造成您不好的用餐體驗」, 「已私訊您，請查收」):
//! they are the owner speaking, not a verdict on the brand, and are neither
//! tinted nor counted as one. The CLI's `scan` and the extension ask this one
//! rule.
//!
//! A comment is the owner's when its author links to one of the brand's
//! official accounts, or when the author's name is the brand's name or an
//! alias and nothing else (「雲朵咖啡」, 「雲朵咖啡 官方」, 「王小明」 where the
//! owner is an alias) and the text shows no scam: an account named like the
//! brand but not its own is how comment scams work (「恭喜您抽中！請加LINE領獎」).

use crate::impersonation::{is_official, looks_like_scam};
use crate::matcher::Matcher;
use crate::watchlist::Watchlist;

/// Words a page's name adds to the brand's own ("雲朵咖啡 官方粉絲團"),
/// lower case.
const PAGE_WORDS: [&str; 6] = ["官方", "粉絲專頁", "粉絲團", "小編", "official", "page"];

/// The index of the user's own brand whose voice a comment by `author`
/// (linking to `link`, if the site shows one) is, or `None` for anyone
/// else's. `text` is the comment's.
pub fn owner(
    matcher: &Matcher,
    list: &Watchlist,
    author: &str,
    link: Option<&str>,
    text: &str,
) -> Option<u32> {
    // The link is the account itself: a lookalike cannot take it.
    if let Some(link) = link.filter(|l| !l.trim().is_empty()) {
        let official = list
            .brands
            .iter()
            .position(|b| !b.competitor && is_official(link, &b.official));
        if let Some(b) = official {
            return Some(b as u32);
        }
    }
    let found = matcher.find(author);
    let brand = found.first()?.brand;
    let own = list
        .brands
        .get(brand as usize)
        .is_some_and(|b| !b.competitor);
    if !own || found.iter().any(|m| m.brand != brand) {
        return None;
    }
    // Nothing of the name but the brand's (and a page's words): 「雲朵咖啡好難喝」 is a troll's.
    let mut rest = String::new();
    let mut at = 0;
    for m in &found {
        rest.push_str(&author[at..m.byte_start]);
        rest.push(' ');
        at = m.byte_end;
    }
    rest.push_str(&author[at..]);
    let mut rest = rest.to_lowercase();
    for w in PAGE_WORDS {
        rest = rest.replace(w, " ");
    }
    if rest.chars().any(char::is_alphanumeric) {
        return None;
    }
    (!looks_like_scam(text)).then_some(brand)
}

/// Whether a reply's `text` names `author`, the writer of the comment it
/// answers: in a flat list (Threads, PTT) a reply says whom it answers
/// (「@mia 抱歉讓您白跑一趟」, 「王大明您好」). A name of two characters or
/// more, not inside a longer Latin word ("joy" in "enjoy"). The extension
/// asks the same (`content/verdicts.js`, `names`).
pub fn names(text: &str, author: &str) -> bool {
    let name = author.trim().trim_start_matches('@').to_lowercase();
    if name.chars().count() < 2 {
        return false;
    }
    let text = text.to_lowercase();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    text.match_indices(&name).any(|(at, _)| {
        !word(text[..at].chars().next_back()) && !word(text[at + name.len()..].chars().next())
    })
}

/// Whether a reply speaks to one person: the polite 您, a tag, or a
/// greeting or an apology that opens it (「您好，已私訊您」, "Hi, sorry
/// about the wait"). In a flat list such a reply of the brand's own
/// answers the comment right before it; 「感謝大家支持」 speaks to all.
pub fn addresses(text: &str) -> bool {
    const OPENINGS: [&str; 10] = [
        "@",
        "hi ",
        "hi,",
        "hello",
        "dear ",
        "sorry",
        "we're sorry",
        "we are sorry",
        "we apologize",
        "thank you for",
    ];
    let t = text.trim_start().to_lowercase();
    t.contains('您') || OPENINGS.iter().any(|w| t.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Watchlist {
        Watchlist::parse(
            r#"{ "version": 1, "brands": [
              { "name": "雲朵咖啡", "aliases": ["雲朵", "Cloud Cafe", "王小明"],
                "official": ["https://www.facebook.com/cloudcafe.tw", "@cloudcafe.tw"] },
              { "name": "路易莎", "competitor": true, "official": ["@louisa"] },
              { "name": "好吃屋", "aliases": [] } ] }"#,
        )
        .unwrap()
    }

    #[test]
    fn whose_voice() {
        let list = list();
        let m = Matcher::new(&list);
        let reply = "非常抱歉造成您不好的用餐體驗，我們會加強員工訓練";
        let scam = "恭喜您抽中！請加LINE領取獎品";
        for (author, link, text, want) in [
            // The brand's name, alone or with a page's words, or an alias.
            ("雲朵咖啡", None, reply, Some(0)),
            ("雲朵咖啡 Cloud Cafe 官方粉絲團", None, reply, Some(0)),
            ("Cloud Cafe Official", None, reply, Some(0)),
            ("王小明", None, "謝謝大家支持", Some(0)),
            ("好吃屋", None, "已私訊您，請查收", Some(2)),
            // The official account, whatever its name says, even with a giveaway's words.
            (
                "Cloud",
                Some("https://www.facebook.com/cloudcafe.tw?comment_id=1"),
                scam,
                Some(0),
            ),
            ("雲朵咖啡", Some("/cloudcafe.tw"), scam, Some(0)),
            // Anyone else: a customer, a troll named after it, a competitor, a lookalike with a scam.
            ("王大明", None, reply, None),
            ("王大明", Some("/wang"), reply, None),
            ("雲朵咖啡好難喝", None, "爛", None),
            ("路易莎", Some("/louisa"), reply, None),
            ("雲朵咖啡 x 路易莎", None, reply, None),
            ("雲朵咖啡", Some("/cloudcafe.gift"), scam, None),
            ("", None, reply, None),
        ] {
            assert_eq!(
                owner(&m, &list, author, link, text),
                want,
                "{author} {link:?} {text}"
            );
        }
    }

    #[test]
    fn a_reply_speaks_to_one_person() {
        for (text, want) in [
            ("您好，已私訊您了解狀況", true),
            ("抱歉造成您的不便", true),
            ("@mia 謝謝", true),
            ("Hi, sorry about the wait", true),
            ("We apologize for the delay", true),
            ("感謝大家支持！本週末全品項第二杯半價", false),
            ("New winter menu out today!", false),
        ] {
            assert_eq!(addresses(text), want, "{text}");
        }
    }

    #[test]
    fn a_reply_names_whom_it_answers() {
        for (text, author, want) in [
            ("@mia 抱歉讓您白跑一趟", "mia", true),
            ("王大明您好，已私訊您", "王大明", true),
            ("Hi @Mia, sorry about the wait", "mia", true),
            ("@joy 謝謝", "@joy", true),
            // Inside a longer word, or a name too short to tell.
            ("Enjoy the new menu!", "joy", false),
            ("謝謝大家", "大", false),
            ("感謝大家的支持，本週末買一送一", "mia", false),
            ("@mia 抱歉", "", false),
        ] {
            assert_eq!(names(text, author), want, "{text} / {author}");
        }
    }
}
