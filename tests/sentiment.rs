//! The scorer's rules, one test each, in Chinese and English, with exact
//! labels and the exact spans of the evidence; plus properties that hold
//! for any input.
#![cfg(not(target_arch = "wasm32"))]

use brand_radar::sentiment::{
    Analysis, Crisis, Grade, Label, Lexicon, Parts, PushTag, ReasonKind, Scorer, Signals,
};
use proptest::prelude::*;

fn score(text: &str) -> Analysis {
    Scorer::builtin().score(text, &Signals::default())
}

/// The reasons of `kind` as (text, start, end).
fn reasons(a: &Analysis, kind: ReasonKind) -> Vec<(String, u32, u32)> {
    a.reasons
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| (r.text.clone(), r.start, r.end))
        .collect()
}

fn contribution(a: &Analysis, kind: ReasonKind) -> f32 {
    a.reasons
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| r.contribution)
        .sum()
}

#[test]
fn curated_terms_in_both_scripts_and_slang() {
    let a = score("這家店根本是黑店，大家避雷");
    assert_eq!(a.label, Label::Neg);
    assert_eq!(
        reasons(&a, ReasonKind::Term),
        [("黑店".into(), 6, 8), ("避雷".into(), 11, 13)]
    );
    let a = score("这家店太烂了");
    assert_eq!(a.label, Label::Neg);
    assert_eq!(reasons(&a, ReasonKind::Term), [("烂".into(), 4, 5)]);
    let a = score("神店！推爆");
    assert_eq!(a.label, Label::Pos);
    assert_eq!(
        reasons(&a, ReasonKind::Term),
        [("神店".into(), 0, 2), ("推爆".into(), 3, 5)]
    );
    // Everyday verdicts an owner reads: a wait told in hours, a phone that
    // stalls, loyalty and a bargain said outright.
    for (text, label) in [
        ("掛號等了三個小時", Label::Neg),
        ("導航經常卡死", Label::Neg),
        ("以後只吃這家了", Label::Pos),
        ("這個價格買到賺到", Label::Pos),
        ("味道不過不失", Label::Neu),
        // Session 39: the look is all there is; asking for a recommendation or a
        // difference praises or blames nothing; 很強 praises; 超酸 complains.
        ("網美店，好看不好吃", Label::Neg),
        ("明天要去，有什麼推薦的嗎", Label::Neu),
        ("這個跟上一代差在哪裡？", Label::Neu),
        ("電池續航力很強，出國兩天都不用充", Label::Pos),
        ("泡菜超酸，吃不下去", Label::Neg),
        ("說是全新品結果有使用痕跡", Label::Neg),
        ("吃完拉了一整天", Label::Neg),
        // Session 41: shoes that come apart, half the portion, a delay.
        ("半年鞋底就開膠了", Label::Neg),
        ("同樣價錢份量少一半", Label::Neg),
        ("拖了兩個禮拜才出貨", Label::Neg),
        ("Same lamp at half the price", Label::Pos),
        ("這拿鐵根本洗碗水", Label::Neg),
        // A-not-A asks: the 不 of 是不是 negates nothing (「當盤子」 blames).
        ("這價位吃這個，我是不是被當盤子", Label::Neg),
        ("這次完全走鐘", Label::Neg),
        ("排了一個小時就這？", Label::Neg),
        ("以後不敢在這裡買了", Label::Neg),
        ("用兩年電池還很耐", Label::Pos),
        ("Meh. Been better.", Label::Neg),
        // Session 46: no wait (a negator inside); watery; a lifesaver;
        // ten minutes, not "very" (十分鐘 hid 分鐘就送到); past bearing.
        ("隔壁那家不用等又好喝", Label::Pos),
        ("珍珠奶茶一點奶味都沒有，跟水一樣", Label::Neg),
        ("這裡的御飯糰真的是加班救星", Label::Pos),
        ("外送二十分鐘就送到了", Label::Pos),
        ("門市小姐解釋得很清楚，沒有硬推方案", Label::Pos),
        ("The ads are unbearable now", Label::Neg),
        // A measure's level (高 / 低 were only moves before); uneven.
        ("行員幫我處理遺失的卡片，效率很高", Label::Pos),
        ("這家的CP值真的很低", Label::Neg),
        ("最近品質忽高忽低", Label::Neg),
        ("湯頭越來越鹹", Label::Neg),
        // Who says so: the claim denied, praise or blame; too good to be
        // fair.
        ("誰說這家難喝，明明就很好喝", Label::Pos),
        ("誰說這家好吃的？", Label::Neg),
        ("肉桂捲根本犯規，一口接一口", Label::Pos),
        ("這裡的下午茶還是台北數一數二的", Label::Pos),
        // 好 before a taste is "so": no praise.
        ("牛排好硬，咬不動", Label::Neg),
        ("湯好淡，跟白開水一樣", Label::Neg),
        ("最近是怎樣 每杯都好酸", Label::Neg),
        ("這家的手沖是全台前三", Label::Pos),
        ("組裝說明書看不懂，裝了一整天", Label::Neg),
        // A short yes-or-no question of what a shop can do asks (貨到付款
        // leans on complaints); one with a word of blame reproaches.
        ("店到店可以貨到付款嗎", Label::Neu),
        ("有賣這個嗎？", Label::Neu),
        ("可以不要這麼慢嗎", Label::Neg),
        // Session 47: news passed on (開了新店 and 優惠 lean on praise, 八折
        // and 維修 on complaints); the hours asked (關門 leans on shops
        // closed for good); asking others, and why.
        ("寶雅在我家附近開了新店", Label::Neu),
        ("大樹寵物週末有寵物美容優惠", Label::Neu),
        ("屈臣氏這週會員日全館八折", Label::Neu),
        ("天堂M下週要維修八小時", Label::Neu),
        (
            "Walmart is opening a new store near the highway next month",
            Label::Neu,
        ),
        ("下個月又要漲價了，真的很扯", Label::Neg),
        ("全聯今天幾點關門啊", Label::Neu),
        ("有人上過巨匠的Python課嗎？想知道評價", Label::Neu),
        ("我能說訂你家餐都送餐超時嗎？我也是醉了", Label::Neg),
        // Cared for; unbeatable; too old; staff who keep leaving; fewer
        // deals; a fuel pump out of order (加油 cheers); no returns; waits
        // in minutes.
        ("在馬偕生產，整個過程護理師都很照顧", Label::Pos),
        ("肯德基的蛋塔真的是無敵", Label::Pos),
        ("巨匠電腦的課程內容太舊了", Label::Neg),
        ("吉的堡的外師流動率超高，半年換三個老師", Label::Neg),
        ("中油加油站自助加油機常常故障", Label::Neg),
        ("燦坤說不能退", Label::Neg),
        ("等一杯咖啡等了四十分鐘", Label::Neg),
        ("亞太已經被遠傳併購了", Label::Neu),
        ("小米汽车下个月交付", Label::Neu),
        // Undercooked; just right; out of nowhere; more ice than coffee;
        // behind the customer's back; charged twice over.
        ("珍珠沒煮透，硬硬的", Label::Neg),
        ("路易莎的插座很多，讀書很適合", Label::Pos),
        ("台灣大的帳單莫名多了一筆加值服務費", Label::Neg),
        ("路易莎的冰美式冰塊比咖啡還多", Label::Neg),
        (
            "Verizon keeps raising my bill without telling me",
            Label::Neg,
        ),
        (
            "Uber driver took a longer route and I got charged double",
            Label::Neg,
        ),
        // Praise exclaimed to open a complaint mocks it; a flaw conceded
        // does not.
        ("星巴克真是太棒了，等一杯咖啡等了四十分鐘", Label::Neg),
        ("這家真的是太好了，可惜有點貴", Label::Pos),
        // Session 50: six more sets of a food blog's sentences. Crisp and
        // soft, fluffy, tireless staff, appetising; thirst after the meal,
        // a thin choice, not quite clean; sure to come back; a level that
        // fell; someone else's recommendation is hearsay.
        ("蘿蔔糕外皮煎到金黃，咬下去外酥內軟", Label::Pos),
        ("鬆餅現烤的很蓬鬆，配上奶油和楓糖漿剛好", Label::Pos),
        ("服務人員會幫忙換烤網，非常勤勞", Label::Pos),
        ("冷麵的湯頭酸甜開胃，夏天吃很消暑", Label::Pos),
        ("吃完一直口渴，調味應該加了很多味精", Label::Neg),
        ("吃完不會口渴，應該沒有加味精", Label::Pos),
        ("冰淇淋口味很少，只有香草和巧克力", Label::Neg),
        ("小菜放在外面沒有冷藏，感覺不太衛生", Label::Neg),
        ("下次來台南一定還要再吃一次", Label::Pos),
        ("跟上次比起來，這次的水準明顯下滑", Label::Neg),
        ("這家麻辣鍋是朋友推薦的", Label::Neu),
        ("這家是很多人推薦的老字號", Label::Neu),
        ("檸檬愛玉酸酸甜甜的，很解渴", Label::Pos),
        ("真的不知道為什麼這麼多人排，普通而已", Label::Neg),
        ("店裡的音樂放得太大聲，很難聊天", Label::Neg),
        ("炸雞的麵衣太厚，肉只有一點點", Label::Neg),
        ("下次一定要帶家人一起來吃", Label::Pos),
        ("是一個可以放空一整個下午的地方", Label::Pos),
        ("湯頭有點偏甜，不太符合我的口味", Label::Neg),
        ("加了一點烏醋之後味道更有層次", Label::Pos),
        ("大浴池人太多了，像在下水餃", Label::Neg),
        ("停車很不方便，繞了好幾圈才找到位子", Label::Neg),
        ("自助吧的飲料很少補，常常是空的", Label::Neg),
        ("服務生一直忘記我們加點的東西", Label::Neg),
        // Session 49: a food blog's sentences. A short sentence a curated
        // word blames is a complaint, not a so-so; 沒什麼 is "not much", no
        // question; a dish finished to the last drop, missed, shortlisted;
        // forgotten as soon as eaten; cooking smoke; 好 as "done".
        ("蛋塔的塔皮不夠酥，有點軟爛", Label::Neg),
        ("麵條煮得太軟，沒什麼口感", Label::Neg),
        ("湯頭偏鹹，喝到後面有點受不了", Label::Neg),
        ("連湯都喝光光，一滴不剩", Label::Pos),
        ("這碗真的會讓人一口接一口停不下來", Label::Pos),
        ("吃過一次就會想念的味道", Label::Pos),
        ("已經列入口袋名單了", Label::Pos),
        ("吃完還想再點一份", Label::Pos),
        ("這碗麵沒什麼記憶點，吃完就忘了", Label::Neg),
        ("油煙味很重，吃完衣服都是味道", Label::Neg),
        ("這個價錢可以去吃更好的", Label::Neg),
        ("想吃的朋友記得先查好公休日", Label::Neu),
        (
            "這次我們兩個人點了一份牛肉麵、一份乾麵還有兩盤小菜",
            Label::Neu,
        ),
        ("第一次來不知道要點什麼，就請店員推薦", Label::Neu),
        ("本篇為自費消費，非業配", Label::Neu),
        // Hashtags alone tag, they say nothing; a tag with a curated word
        // speaks. Sweet as vegetables are; a good mood after; generous
        // fillings; someone else's recommendation told.
        ("#台中美食 #咖哩 #日式料理", Label::Neu),
        ("#超好吃 #台中美食", Label::Pos),
        ("湯頭喝起來很清甜", Label::Pos),
        ("吃完整個心情都變好了", Label::Pos),
        ("每一口都吃得到滿滿的料", Label::Pos),
        ("這間是姊姊推薦我來的", Label::Neu),
        // Session 48: loyal since childhood; returns without fuss; not
        // cooked through; a device that hangs; passed along unhelped; news
        // of a shop nearby or a dish brought back; a parcel dumped.
        ("繼光香香雞從小吃到大，味道一直都沒變", Label::Pos),
        ("好市多退貨完全不囉嗦", Label::Pos),
        ("清心的珍珠硬硬的，根本沒煮熟", Label::Neg),
        (
            "Ford's infotainment system freezes every other day",
            Label::Neg,
        ),
        (
            "Dell support transferred me five times and nobody could help",
            Label::Neg,
        ),
        ("宜得利在我們這邊也開了一家", Label::Neu),
        ("The mall just opened a new location downtown", Label::Neu),
        (
            "Taco Bell is bringing back the Mexican pizza next week",
            Label::Neu,
        ),
        ("黑貓司機把箱子丟在門口就走，也沒按電鈴", Label::Neg),
        ("全家的便當熱騰騰的", Label::Pos),
        // Session 45: worse than imagined (比想像 leans on praise); more
        // was expected; never kept waiting; no signal.
        ("新品比想像中難喝", Label::Neg),
        ("I expected more from this place", Label::Neg),
        ("這家從來沒讓我等過", Label::Pos),
        ("山上訊號根本收不到", Label::Neg),
        ("隔壁都比這裡好吃", Label::Neg),
        ("沒有比這裡更好的地方了", Label::Pos),
        ("服務真的沒得挑", Label::Pos),
        ("在這裡坐了一下午都沒人趕", Label::Pos),
        ("這家沒什麼好挑的", Label::Pos),
        ("那個店員的態度，我真的會謝", Label::Neg),
        ("特價根本是先漲後降", Label::Neg),
        // Session 44: a wait before it came; smoke in the room; nothing
        // close; no going back; the place to go; hurried; a smell of
        // frying; no bite; leather; a VIP; feed slang; stunning; items
        // missing; a hope let down; the hype; a regular; support silent.
        ("在這家等了二十分鐘才拿到", Label::Neg),
        (
            "Stayed there last month and the room smelled like smoke.",
            Label::Neg,
        ),
        ("Nothing else comes close.", Label::Pos),
        ("喝了一次就回不去了", Label::Pos),
        ("想吃火鍋來這家就對了", Label::Pos),
        ("服務生一直催點餐", Label::Neg),
        ("整間店瀰漫著油煙味，衣服都是味道", Label::Neg),
        ("麵條軟爛沒有嚼勁，湯也溫溫的", Label::Neg),
        ("The steak came out gray and tough as leather.", Label::Neg),
        ("The staff made my kid feel like a VIP.", Label::Pos),
        ("這家的抹茶拿鐵是我的本命", Label::Pos),
        ("招牌拿鐵普到不行", Label::Neg),
        ("去試了一下驚為天人", Label::Pos),
        ("外送常常少東西", Label::Neg),
        (
            "I wanted to love this place but the coffee was burnt.",
            Label::Neg,
        ),
        ("Honestly don't get the hype.", Label::Neg),
        ("Went here on a whim and now I'm a regular.", Label::Pos),
        (
            "The app ate my rewards points and support never replied.",
            Label::Neg,
        ),
        // Session 43: wondered, not said (會不會); like new; looks cheap;
        // chewy; a regular.
        ("不知道這家會不會好一點", Label::Neu),
        ("床墊睡一年還跟新的一樣", Label::Pos),
        ("這代的內裝好廉價", Label::Neg),
        ("珍珠QQ的", Label::Pos),
        ("家裡附近這間我常去", Label::Pos),
        ("這杯拿鐵太水了", Label::Neg),
        ("喝過那家之後，這家只能算及格", Label::Neg),
        // Praise named in scorn; where is the good in it; odd; a refund
        // refused; contentment.
        ("這也叫好吃？", Label::Neg),
        ("這家到底好吃在哪", Label::Neg),
        ("拿鐵喝起來怪怪的", Label::Neg),
        ("They charged me twice and won't refund", Label::Neg),
        ("每天上班前一杯，人生圓滿", Label::Pos),
        // An order listed in English is description; service that offers
        // before asked; remembered; reheated.
        ("We ordered the pad thai and the green curry.", Label::Neu),
        ("服務人員會主動加水", Label::Pos),
        ("They remembered my order from last time!", Label::Pos),
        ("Tasted like it came out of a microwave.", Label::Neg),
        ("Service is hit or miss.", Label::Neg),
        // 快 before a number is "almost": no praise of speed.
        (
            "點了一杯拿鐵，等了快二十分鐘，店員還把我的名字叫錯",
            Label::Neg,
        ),
        // Session 42: idioms of praise, hope let down, the irony of paying.
        (
            "Quick, friendly, and the pastries are to die for.",
            Label::Pos,
        ),
        ("They fixed my order without any fuss.", Label::Pos),
        ("I wanted to like it, I really did.", Label::Neg),
        (
            "It's fine if you like paying $8 for burnt coffee.",
            Label::Neg,
        ),
        // A smell, a line that drops, shoes that rub (not where they do not).
        ("冷氣有怪味", Label::Neg),
        ("網路常斷", Label::Neg),
        ("穿了一天都不磨腳", Label::Pos),
        ("Pixel的電池一天都撐不到", Label::Neg),
        // To one's taste; never once a letdown; crisp; lucky to have it.
        ("跑遍台北的咖啡廳，最後還是這家最對味", Label::Pos),
        ("他們的甜點沒有一次讓我失望過", Label::Pos),
        ("四海遊龍的鍋貼比較脆", Label::Pos),
        ("還好有這家，不然這附近都沒有像樣的咖啡", Label::Pos),
        ("What happened to your croissants?", Label::Neg),
        // An order listed is description; how it went is not.
        ("點了牛肉麵跟燙青菜", Label::Neu),
        ("我們點了兩份套餐和一份炸雞", Label::Neu),
        ("點了一碗麵結果沒送來", Label::Neg),
        ("點了大杯給我中杯", Label::Neg),
        // Forum praise that reads as folly word by word; where, asked.
        ("這價格可以閉眼入", Label::Pos),
        ("無腦推", Label::Pos),
        ("一分錢一分貨，便宜沒好貨", Label::Neg),
        ("這款跟上一代差在哪", Label::Neu),
        ("樓上說的是哪一款", Label::Neu),
        // Mockery and rhetorical preference, a rare find, hard.
        ("笑死，這也能叫牛排", Label::Neg),
        ("這價位我去吃王品不香嗎", Label::Neg),
        ("珍珠硬到可以當彈珠", Label::Neg),
        ("每次來都缺貨，到底在幹嘛", Label::Neg),
        ("冷氣不夠涼，吃得滿身汗", Label::Neg),
        ("這家是我心中的第一名", Label::Pos),
        // What "they raised" is prices, not the portions of the clause
        // before "and they".
        (
            "Smaller portions than last time and they raised prices.",
            Label::Neg,
        ),
        // Session 40: what a forum says of the winner of a comparison.
        ("手沖還是這家才是王道", Label::Pos),
        ("服務比同價位的店家高出一籌", Label::Pos),
        ("這間根本盤子店", Label::Neg),
        ("吃起來很像冷凍的", Label::Neg),
        // Looking good in the photos praises the photos.
        ("Looks great in photos, tastes like cardboard.", Label::Neg),
        // Everything else beats it (session 32); 比他 alone compares people.
        ("樓下攤車的小吃都比他好吃", Label::Neg),
        ("隨便一家都比它好喝", Label::Neg),
        ("不過價位有點高～", Label::Neg),
        ("上菜後讓我驚覺的是不油不肥耶", Label::Pos),
        ("我比他更喜歡這家", Label::Pos),
        // Feed slang (session 35): "no lie", not a negator; fire as praise.
        ("no cap best burger in town", Label::Pos),
        ("this place is fire", Label::Pos),
        ("the food was mid", Label::Neg),
        ("今天從這裡走過心情很舒暢", Label::Pos),
        ("吃完肚子不舒暢", Label::Neg),
        ("抽我抽我", Label::Pos),
        // A feed wanting to go (session 36): Weibo's lockdown posts taught 想去 sadness.
        ("我也想去", Label::Pos),
        ("口水流出來了", Label::Pos),
        ("這是哪一家", Label::Neu),
        ("不再是我的愛店了", Label::Neg),
        ("obsessed", Label::Pos),
        ("need to try this", Label::Pos),
        ("yuck", Label::Neg),
        // X到不行 intensifies X (session 36): its 不行 is no verdict.
        ("香到不行", Label::Pos),
        ("難吃到不行", Label::Neg),
        ("服務不行", Label::Neg),
        ("誠意滿滿", Label::Pos),
        // Review-site comments (session 37): the best of its kind, a sucker, a dish short.
        ("甜點界天花板", Label::Pos),
        ("房間天花板漏水", Label::Neg),
        ("盤子才會來吃", Label::Neg),
        ("外帶回家才發現少一樣", Label::Neg),
        ("The cashier rolled her eyes at me.", Label::Neg),
        ("Can't believe how good this is for the price.", Label::Pos),
        (
            "Smells weird and the color faded after one wash.",
            Label::Neg,
        ),
        ("Still looks great after one wash", Label::Pos),
    ] {
        assert_eq!(score(text).label, label, "{text}");
    }
    // And each shows the words it rests on (session 31): the card named
    // none for these.
    for (text, word) in [
        ("咖啡喝完肚子痛", "肚子痛"),
        ("這杯根本智商稅", "智商稅"),
        ("這家是我心中第一名", "心中第一"),
        ("點的飲料全部做錯", "做錯"),
        ("The latte is mid", "is mid"),
        ("這樣搞真的會倒", "真的會倒"),
        // Session 32: a price a little high, not greasy, a star docked, theft.
        ("不過價位有點高～", "價位有點高"),
        ("上菜後讓我驚覺的是不油不肥耶", "不油"),
        ("少一顆星是因為等太久", "少一顆星"),
        ("店員偷拿我的信用卡資料", "偷拿"),
    ] {
        let a = score(text);
        let shown = reasons(&a, ReasonKind::Term);
        assert!(shown.iter().any(|r| r.0 == word), "{text}: {shown:?}");
    }
    let a = score("Terrible service, total ripoff");
    assert_eq!(a.label, Label::Neg);
    assert_eq!(
        reasons(&a, ReasonKind::Term),
        [("Terrible".into(), 0, 8), ("ripoff".into(), 24, 30)]
    );
}

#[test]
fn negation_flips_within_the_clause() {
    let a = score("咖啡沒有很好喝");
    assert_eq!(reasons(&a, ReasonKind::Negation), [("沒有".into(), 2, 4)]);
    assert!(contribution(&a, ReasonKind::Negation) < 0.0);
    assert_eq!(a.label, Label::Neg);
    let a = score("The food was not good");
    assert_eq!(reasons(&a, ReasonKind::Negation), [("not".into(), 13, 16)]);
    assert_eq!(a.label, Label::Neg);
    // "not bad" turns positive; the clause break ends the negator's reach,
    // so "great" stays positive.
    let a = score("not bad at all, the staff were great!");
    assert_eq!(reasons(&a, ReasonKind::Negation), [("not".into(), 0, 3)]);
    assert!(contribution(&a, ReasonKind::Negation) > 0.0);
    assert!(a.score > 0.0);
    // A fault denied is praise, however the denial is placed; the fault
    // alone is a complaint.
    for text in [
        "用了兩年都沒出過問題",
        "一點問題都沒有",
        "挑不出毛病",
        "從來沒壞過",
    ] {
        assert_eq!(score(text).label, Label::Pos, "{text}");
    }
    assert_eq!(score("這支手機毛病一堆").label, Label::Neg);
    // A word that holds a negator negates nothing (「不得不說」 must say,
    // 「別人」 others, 「沒想到」 unexpectedly).
    for (text, label) in [
        ("不得不說很好吃", Label::Pos),
        ("別人說很好吃", Label::Pos),
        ("不但好吃而且便宜", Label::Pos),
        ("沒錯 很好吃", Label::Pos),
        ("沒想到超難吃", Label::Neg),
    ] {
        let a = score(text);
        assert_eq!(a.label, label, "{text}");
        assert!(reasons(&a, ReasonKind::Negation).is_empty(), "{text}");
    }
    // A complaint forbidden warns others off; praise forbidden is negated.
    for text in ["不要浪費錢", "別上當", "千萬不要踩雷"] {
        let a = score(text);
        assert_eq!(a.label, Label::Neg, "{text}");
        assert!(reasons(&a, ReasonKind::Negation).is_empty(), "{text}");
    }
    // A complaint word turned is mild praise: the negator's own
    // characters, which learned their blame from negating praise, are no
    // evidence against it.
    for text in ["說不上難吃", "沒有不好吃", "不會不好吃", "沒那麼難吃"] {
        let a = score(text);
        assert_eq!(a.label, Label::Pos, "{text}: {a:?}");
        assert!(contribution(&a, ReasonKind::Negation) > 0.0, "{text}");
    }
    // Another place praised against the one reviewed is blame of it.
    for (text, label) in [
        ("隔壁都比這家好吃", Label::Neg),
        ("便利商店的都比你們好喝", Label::Neg),
        ("也沒有比這家更好的賓館", Label::Pos),
        ("這家比隔壁好吃", Label::Pos),
    ] {
        assert_eq!(score(text).label, label, "{text}");
    }
    // Praise held against what was expected or said is denied from
    // further back; a word the negator turned, then 的, ends its reach.
    for (text, label) in [
        ("沒有想像中的好吃", Label::Neg),
        ("沒有網路上說的那麼好吃", Label::Neg),
        ("少數不會過鹹的優質泰式料理", Label::Pos),
    ] {
        assert_eq!(score(text).label, label, "{text}");
    }
    // Negators typed without the apostrophe, as on phones.
    for text in ["I dont like it", "this isnt good"] {
        let a = score(text);
        assert_eq!(a.label, Label::Neg, "{text}");
        assert!(contribution(&a, ReasonKind::Negation) < 0.0, "{text}");
    }
    let a = score("別太期待");
    assert_eq!(a.label, Label::Neg);
    assert_eq!(reasons(&a, ReasonKind::Negation)[0].0, "別");
    // A warning is no denied complaint: it warns others off.
    for text in [
        "Don't waste your money",
        "Don't bother with this place",
        "Save your money",
        "We won't be back",
    ] {
        let a = score(text);
        assert_eq!(a.label, Label::Neg, "{text}");
        assert!(reasons(&a, ReasonKind::Negation).is_empty(), "{text}");
    }
}

#[test]
fn praise_needs_evidence_a_complaint_may_be_told_as_facts() {
    // What a review describes leans positive by topic alone (5-star
    // reviews list the dishes): with no word of praise it is neutral.
    for text in [
        "平日下午一點前往，我們一共點了一份三明治、一份早午餐",
        "這次點了番茄蔬菜義大利麵和焦糖布丁",
    ] {
        let a = score(text);
        assert!(a.score > 0.0, "{text}: leans positive ({})", a.score);
        assert_eq!(a.label, Label::Neu, "{text}");
    }
    // ...unless the writer's stars say so.
    let rated = Signals {
        rating: Some(5.0),
        ..Signals::default()
    };
    let a = Scorer::builtin().score("這次點了番茄蔬菜義大利麵和焦糖布丁", &rated);
    assert_eq!(a.label, Label::Pos);
    // A complaint told as plain facts keeps its verdict.
    assert_eq!(score("等了四十分鐘餐點才來").label, Label::Neg);
    // A clear complaint is no less one for its many neutral n-grams.
    for text in [
        "服務生臉很臭 問問題也愛理不理",
        "普通，但不會想再吃第二次，坐在冰箱旁邊，店員一開冰箱就飄出一股臭酸味",
    ] {
        assert_eq!(score(text).label, Label::Neg, "{text}");
    }
    // Everyday praise and blame outside reviews are words of the lexicon;
    // a phrase that holds one and is none (加油站) keeps it out.
    for (text, label, word) in [
        ("老闆加油", Label::Pos, "加油"),
        ("支持國貨", Label::Pos, "支持"),
        ("這些人真是無恥", Label::Neg, "無恥"),
        // A product's fortunes, and PTT's praise.
        ("新款手機預購熱賣", Label::Pos, "熱賣"),
        ("這球超屌", Label::Pos, "超屌"),
        ("上市後口碑差", Label::Neg, "口碑差"),
    ] {
        let a = score(text);
        assert_eq!(a.label, label, "{text}");
        assert_eq!(reasons(&a, ReasonKind::Term)[0].0, word, "{text}");
    }
    assert!(reasons(&score("在加油站旁邊的巷子裡"), ReasonKind::Term).is_empty());
}

/// Asserts that no curated term is shown as a reason for any of `texts`.
fn no_term_shown(texts: &[&str]) {
    for text in texts {
        let shown = reasons(&score(text), ReasonKind::Term);
        assert!(shown.is_empty(), "{text}: {shown:?}");
    }
}

/// The fitted models count half against a curated word when none of their
/// n-grams is evidence for their side: they read the topic
/// (「兩年前的一個vivo從上床摔下來一點事都沒有」 is praise).
#[test]
fn the_models_count_half_against_curated_words_without_evidence() {
    let s = Scorer::builtin();
    let params = &s.lexicon().params;
    let parts = Parts {
        zh: true,
        rules: 1.2,
        chars: -2.0,
        ..Parts::default()
    };
    let p = params.of(true);
    let curated = p.curated * 1.2 + p.bias;
    assert!((parts.logit(params) - (curated - p.chars)).abs() < 1e-4);
    // With an n-gram that holds blame across genres, in full.
    let blamed = Parts {
        grams_blame: true,
        ..parts
    };
    assert!((blamed.logit(params) - (curated - 2.0 * p.chars)).abs() < 1e-4);
    // Beside the rules, not against them, in full.
    let along = Parts {
        chars: 2.0,
        ..parts
    };
    assert!((along.logit(params) - (curated + 2.0 * p.chars)).abs() < 1e-4);
    let a = s.score(
        "兩年前的一個vivo從上床摔下來一點事都沒有。",
        &Signals::default(),
    );
    assert_eq!(a.label, Label::Pos, "{a:?}");
}

/// The learned n-grams' sum is bounded as the rules' is: a long comment is
/// not judged by how many topic words it holds.
#[test]
fn the_learned_sum_counts_up_to_a_bound() {
    let s = Scorer::builtin();
    let params = &s.lexicon().params;
    let logit = |learned: f32| {
        Parts {
            rules: 2.0,
            learned,
            ..Parts::default()
        }
        .logit(params)
    };
    assert_eq!(logit(-30.0), logit(-6.0));
    assert_eq!(logit(30.0), logit(6.0));
    assert!(logit(-3.0) > logit(-6.0));
}

/// A phrase that turns the word inside it (沒有毛病: 毛病 denied) is the
/// rules' to judge: the character n-gram model reads a bag of n-grams, no
/// negation, and 毛病 alone pulled 「用了兩年都沒有毛病」 to a complaint.
#[test]
fn a_fault_denied_is_judged_by_the_rules_not_its_characters() {
    let s = Scorer::builtin();
    for text in ["都沒有毛病", "用了兩年都沒有毛病"] {
        let a = s.score(text, &Signals::default());
        assert_eq!(a.label, Label::Pos, "{text}: {a:?}");
    }
    // Nothing but the phrase (and 都): the character model has next to
    // nothing to read (it said -1.01 when it read 毛病).
    let chars = s.parts("都沒有毛病").chars;
    assert!(chars.abs() < 0.1, "{chars}");
    // A plain complaint keeps the character model's say.
    assert!(s.parts("用了兩年毛病一堆").chars < 0.0);
}

#[test]
fn a_one_character_word_inside_a_word_that_is_none_is_no_reason() {
    // 臭 of 臭豆腐, 假 of 假日, 正 of 正在, 香 of 香港, 棒 of 棒球: a reader
    // shown these underlined would stop trusting the underlines.
    no_term_shown(&[
        "臭豆腐",
        "假日人很多",
        "我正在排隊",
        "去香港出差",
        "看棒球比賽",
        "幹嘛這樣",
        "好奇她是誰",
        // Folded to one script, 乾 and 干 are the expletive 幹 and 臟 is
        // 髒; 盤子 is a plate and 機車 a scooter far more often than not.
        "乾麵",
        "豆干",
        "心臟科",
        "機車停車",
        "收盤子",
        "魚香肉絲",
        "用了快一年",
        // 好 in 剛好 before a verb is chance, in 幸好 / 好險 luck.
        "當天也剛好賣完",
        "幸好有帶傘",
        "好險有訂位",
        "最好先訂位",
        // 可以 before a verb is "may", not "fine".
        "可以刷卡",
        "大碗以上才可以免費加飯",
    ]);
    assert_eq!(score("價格可以啦").label, Label::Pos);
    assert_eq!(score("甜度剛好口感綿密").label, Label::Pos);
    // The word itself still judges, and so does a word that starts inside
    // one of them (好多 holds 好; 好多了 is praise).
    let words = |text: &str| -> Vec<String> {
        reasons(&score(text), ReasonKind::Term)
            .into_iter()
            .map(|r| r.0)
            .collect()
    };
    assert!(words("很臭").contains(&"臭".to_string()));
    assert_eq!(words("假日的服務很差"), ["服務很差"]);
    // Hair is a complaint where it was found, not at a salon.
    assert_eq!(words("頭髮被剪壞了"), ["壞了"]);
    assert_eq!(words("飲料裡有頭髮"), ["有頭髮"]);
    assert_eq!(score("現在好多了").label, Label::Pos);
    // Politeness, curiosity and A-not-A questions hold 不好 / 很好 and
    // judge nothing; what follows them still does.
    for text in ["不好意思請問一下", "很好奇", "這家好不好吃", "真的假的"] {
        assert_eq!(score(text).label, Label::Neu, "{text}");
    }
    assert_eq!(score("不好意思，餐點很難吃").label, Label::Neg);
    for (text, word) in [
        ("老闆很機車", "很機車"),
        ("被當盤子", "當盤子"),
        ("幹你娘", "幹你娘"),
    ] {
        assert_eq!(words(text), [word], "{text}");
    }
}

#[test]
fn a_word_that_names_a_thing_or_asks_is_no_reason() {
    // `like` is liking only after its subject or an auxiliary: elsewhere a
    // preposition or a filler, and `would like` asks; United is an
    // airline, Fire a tablet; `help me` asks.
    no_term_shown(&[
        "It looks like a toy",
        "Chocolate has other things like vanilla in it",
        "It's like 5 minutes away",
        "I'd like a table for two",
        "United changed my seat",
        "My Fire TV remote",
        "Please help me with my booking",
    ]);
    for text in [
        "I like it",
        "Kids really like this place",
        "Don't like the new menu",
    ] {
        let terms = reasons(&score(text), ReasonKind::Term);
        assert!(terms.iter().any(|r| r.0 == "like"), "{text}: {terms:?}");
    }
}

#[test]
fn degree_words_scale_the_next_word() {
    let strong = score("服務非常好");
    assert_eq!(
        reasons(&strong, ReasonKind::Degree),
        [("非常".into(), 2, 4)]
    );
    assert!(contribution(&strong, ReasonKind::Degree) > 0.0);
    let weak = score("味道有點差");
    assert_eq!(reasons(&weak, ReasonKind::Degree), [("有點".into(), 2, 4)]);
    assert!(
        contribution(&weak, ReasonKind::Degree) > 0.0,
        "有點 softens a negative word"
    );
    let a = score("It was very good");
    assert_eq!(reasons(&a, ReasonKind::Degree), [("very".into(), 7, 11)]);
}

#[test]
fn contrast_moves_weight_to_the_later_clause() {
    let a = score("環境很舒服，但是餐點很難吃");
    assert_eq!(reasons(&a, ReasonKind::Contrast), [("但是".into(), 6, 8)]);
    assert_eq!(a.label, Label::Neg);
    let a = score("The staff were rude, but the food was amazing");
    assert_eq!(reasons(&a, ReasonKind::Contrast), [("but".into(), 21, 24)]);
    assert_eq!(a.label, Label::Pos);
    // A negator does not reach past a contrast word: 不 denies 便宜 alone.
    let a = score("不便宜但好吃");
    assert_eq!(reasons(&a, ReasonKind::Negation), [("不".into(), 0, 1)]);
    assert_eq!(a.label, Label::Pos);
}

#[test]
fn sarcasm_cues_turn_praise_around() {
    // 呵呵 is as often a friendly laugh (session 33): after praise alone it
    // laughs; closing praise after a complaint it mocks.
    let a = score("早餐不錯，服務也好，呵呵");
    assert!(reasons(&a, ReasonKind::Sarcasm).is_empty());
    assert_eq!(a.label, Label::Pos);
    let a = score("等了一小時，服務真好呵呵");
    assert_eq!(reasons(&a, ReasonKind::Sarcasm), [("真好".into(), 8, 10)]);
    assert!(contribution(&a, ReasonKind::Sarcasm) < 0.0);
    assert_eq!(a.label, Label::Neg);
    // 好棒棒 mocks beside blame and praises without it.
    assert_eq!(score("好棒棒，第一次來真心覺得好吃").label, Label::Pos);
    assert_eq!(score("等了一小時，好棒棒").label, Label::Neg);
    // 笑死 too mocks only closing praise after a complaint; 笑死人 mocks.
    let a = score("等了一小時，服務真好，笑死");
    assert_eq!(reasons(&a, ReasonKind::Sarcasm).len(), 1);
    assert_eq!(a.label, Label::Neg);
    let a = score("笑死，這隻貓好可愛");
    assert!(reasons(&a, ReasonKind::Sarcasm).is_empty());
    assert_eq!(a.label, Label::Pos);
    assert_eq!(score("服務真好，笑死人").label, Label::Neg);
    // A short exclamation of generic praise, then a clause that opens with
    // 又 and complains: again. After particular praise 又 adds (session 33:
    // the rule was wrong on every corpus row it fired in before).
    for text in [
        "好好吃 又有即時服務和生日祝福",
        "好吃，又點貴",
        "店員很有耐心 又耐心幫我退貨 很開心",
    ] {
        let a = score(text);
        assert!(reasons(&a, ReasonKind::Sarcasm).is_empty(), "{text}");
    }
    let a = score("真是太棒了 又送錯餐");
    assert_eq!(reasons(&a, ReasonKind::Sarcasm), [("又".into(), 6, 7)]);
    assert_eq!(a.label, Label::Neg);
    assert_eq!(score("好喔 又漲價了").label, Label::Neg);
    // 又 that adds praise, or a complaint turned, is no mockery.
    for text in ["好吃又便宜", "很好吃 又不貴", "服務很好 又快又便宜"] {
        let a = score(text);
        assert_eq!(a.label, Label::Pos, "{text}");
        assert!(reasons(&a, ReasonKind::Sarcasm).is_empty(), "{text}");
    }
    // Generic praise exclaimed to close a complaint mocks it; the word is
    // shown as sarcasm, not as praise.
    for (text, word) in [
        ("等了一個小時，真是太棒了呢", "棒"),
        ("湯裡有頭髮，真是太讚了", "太讚了"),
        ("餐點送錯三次，服務真好呢", "真好"),
        ("又漲價了，真是佛心呢", "佛心"),
        ("點的飲料全部做錯，真是專業", "專業"),
        ("Waited an hour for cold food. Great job.", "Great"),
    ] {
        let a = score(text);
        assert_eq!(a.label, Label::Neg, "{text}: {:?}", a.reasons);
        let shown = reasons(&a, ReasonKind::Sarcasm);
        assert_eq!(shown.len(), 1, "{text}: {shown:?}");
        assert_eq!(shown[0].0, word, "{text}");
        assert!(
            reasons(&a, ReasonKind::Term).iter().all(|r| r.0 != word),
            "{text}"
        );
    }
    // Meant: a contrast, praise of a thing, a plain mixed review, thanks.
    for text in [
        "等了一個小時，但是真的很棒",
        "等了一個小時，真是太好吃了",
        "雖然等很久，真是太棒了",
        "價格偏貴，服務真好",
        "Waited an hour, but the food was great",
        "I totally understand the weather. Just frustrated. Thanks!",
    ] {
        let a = score(text);
        assert!(
            reasons(&a, ReasonKind::Sarcasm).is_empty(),
            "{text}: {:?}",
            a.reasons
        );
    }
    // An ASCII cue stands alone: the /S of a download speed is none.
    let a = score("房間不錯，寬頻下載1.3MB/S，很快");
    assert!(
        reasons(&a, ReasonKind::Sarcasm).is_empty(),
        "{:?}",
        a.reasons
    );
    assert_eq!(a.label, Label::Pos);
}

#[test]
fn praise_of_the_past_says_the_present_falls_short() {
    let a = score("以前很好吃，現在普通");
    assert_eq!(reasons(&a, ReasonKind::Past), [("以前".into(), 0, 2)]);
    assert!(contribution(&a, ReasonKind::Past) < 0.0);
    assert_eq!(a.label, Label::Neg);
    for text in [
        "以前很好吃",
        "曾經是我最愛的店",
        "this place used to be great",
        "I used to love it",
    ] {
        let a = score(text);
        assert_eq!(a.label, Label::Neg, "{text}");
        assert!(!reasons(&a, ReasonKind::Past).is_empty(), "{text}");
    }
    // Compared with the past, lasting since, or past the reach: praise.
    // "Used to" after a form of "be" or "get" is "accustomed to".
    for text in [
        "比以前好吃",
        "一如以往的好吃",
        "從以前就很好吃",
        "之前來過覺得很好吃，這次又來了",
        "I'm used to great service here",
        "better than it used to be",
    ] {
        let a = score(text);
        assert_eq!(a.label, Label::Pos, "{text}");
        assert!(reasons(&a, ReasonKind::Past).is_empty(), "{text}");
    }
}

/// What was only thought turned out otherwise: 「本來以為很難吃」 had
/// blamed a meal the writer then praised (session 45).
#[test]
fn what_was_only_thought_turned_out_otherwise() {
    let a = score("本來以為很難吃，結果很好吃");
    assert_eq!(reasons(&a, ReasonKind::Expected), [("以為".into(), 2, 4)]);
    assert!(contribution(&a, ReasonKind::Expected) > 0.0);
    assert_eq!(a.label, Label::Pos);
    for (text, want) in [
        ("原本以為會踩雷，沒想到意外好吃", Label::Pos),
        ("原本覺得很貴，吃完覺得值得", Label::Pos),
        ("本來想說會很貴，結果價格很親民", Label::Pos),
        (
            "I thought it would be bland, but it was delicious",
            Label::Pos,
        ),
        ("本來以為會很好吃，結果普普通通", Label::Neg),
        ("以為服務會很好，結果店員態度超差", Label::Neg),
        ("我以為會很好喝", Label::Neg),
    ] {
        let a = score(text);
        assert_eq!(a.label, want, "{text}: {:?}", a.reasons);
        assert!(!reasons(&a, ReasonKind::Expected).is_empty(), "{text}");
    }
    // Beyond its clause, nothing was only thought.
    let a = score("我以為，這家真的很好吃");
    assert!(
        reasons(&a, ReasonKind::Expected).is_empty(),
        "{:?}",
        a.reasons
    );
}

#[test]
fn punctuation_caps_and_elongation_amplify() {
    let a = score("Great coffee!!!");
    assert_eq!(reasons(&a, ReasonKind::Exclamation), [("!".into(), 14, 15)]);
    assert!(contribution(&a, ReasonKind::Exclamation) > 0.0);
    let a = score("這也太爛了吧？？？");
    assert_eq!(reasons(&a, ReasonKind::Question), [("？".into(), 8, 9)]);
    assert!(contribution(&a, ReasonKind::Question) < 0.0);
    let a = score("The coffee is GOOD here");
    assert_eq!(reasons(&a, ReasonKind::Caps), [("GOOD".into(), 14, 18)]);
    let a = score("sooo goooood");
    assert_eq!(
        reasons(&a, ReasonKind::Elongation),
        [("goooood".into(), 5, 12)]
    );
    assert_eq!(a.label, Label::Pos);
}

#[test]
fn emoji_and_kaomoji_count() {
    let a = score("😡😡");
    assert_eq!(
        reasons(&a, ReasonKind::Term),
        [("😡".into(), 0, 2), ("😡".into(), 2, 4)]
    );
    assert_eq!(a.label, Label::Neg);
    let a = score("(╯°□°）╯︵ ┻━┻");
    assert_eq!(a.label, Label::Neg);
    // Faces common on Taiwanese feeds (session 34): 🤤 "yummy", 💔.
    let a = score("牛肉麵🤤🤤");
    assert_eq!(
        reasons(&a, ReasonKind::Term),
        [("🤤".into(), 3, 5), ("🤤".into(), 5, 7)]
    );
    assert_eq!(a.label, Label::Pos);
    assert!(contribution(&score("訂不到位了💔"), ReasonKind::Term) < 0.0);
}

/// 😭 and 🥲 heighten whatever the words feel: 「好吃到哭😭」 praises (on
/// Google Maps most reviews with 😭 are praise), 「等了一小時😭」 blames, and
/// alone they lean sad. They were blame words, which made 「超好吃😭😭😭」
/// negative and showed 😭 as blame on a glowing review.
#[test]
fn crying_emoji_heighten_what_the_words_feel() {
    let a = score("超好吃😭😭😭");
    assert_eq!(a.label, Label::Pos);
    assert_eq!(reasons(&a, ReasonKind::Emphasis), [("😭".into(), 7, 9)]);
    assert!(contribution(&a, ReasonKind::Emphasis) > 0.0);
    assert!(reasons(&a, ReasonKind::Term)
        .iter()
        .all(|(t, ..)| t != "😭"));
    let a = score("等了一小時還沒來😭");
    assert_eq!(a.label, Label::Neg);
    assert!(contribution(&a, ReasonKind::Emphasis) < 0.0);
    let a = score("可惜奶茶賣完了🥲🥲");
    assert_eq!(a.label, Label::Neg);
    assert!(contribution(&a, ReasonKind::Emphasis) < 0.0);
    // Nothing else felt: its own lean.
    let a = score("今天公休😭");
    assert!(contribution(&a, ReasonKind::Emphasis) < 0.0, "{a:?}");
}

#[test]
fn site_signals_show_in_the_reasons() {
    let s = Scorer::builtin();
    let plain = s.score("還可以", &Signals::default());
    let one_star = s.score(
        "還可以",
        &Signals {
            rating: Some(1.0),
            ..Signals::default()
        },
    );
    assert!(one_star.score < plain.score);
    assert_eq!(
        reasons(&one_star, ReasonKind::Rating),
        [("1★".into(), 0, 0)]
    );
    let boo = s.score(
        "還可以",
        &Signals {
            push: Some(PushTag::Boo),
            ..Signals::default()
        },
    );
    assert_eq!(reasons(&boo, ReasonKind::PushTag), [("噓".into(), 0, 0)]);
    assert!(contribution(&boo, ReasonKind::PushTag) < 0.0);
    let push = s.score(
        "還可以",
        &Signals {
            push: Some(PushTag::Push),
            ..Signals::default()
        },
    );
    // A 推 upvotes the post, whatever the line under it says.
    assert_eq!(push.score, plain.score);
    assert!(reasons(&push, ReasonKind::PushTag).is_empty());
    // A 噓 is the writer's own boo, as a low rating is: a line that leans
    // negative under one is no "no opinion" (it was `neu` at −0.75).
    let line = "心理素質有點腦補 單純實力不足罷了";
    let booed = s.score(
        line,
        &Signals {
            push: Some(PushTag::Boo),
            ..Signals::default()
        },
    );
    assert_eq!(booed.label, Label::Neg, "{booed:?}");
    assert_eq!(s.score(line, &Signals::default()).label, Label::Neu);
}

#[test]
fn crisis_types_with_evidence() {
    let cases: &[(&str, Crisis, &[&str])] = &[
        (
            "吃完整晚拉肚子，根本食物中毒，超爛",
            Crisis::Safety,
            &["吃完整晚拉肚子", "食物中毒"],
        ),
        (
            "你們的會員個資外洩了還不道歉，太扯",
            Crisis::Breach,
            &["個資外洩"],
        ),
        (
            "這是假新聞，有人在造謠",
            Crisis::Rumor,
            &["假新聞", "有人在造謠"],
        ),
        (
            "冒名粉專說中獎要加LINE匯款運費，是詐騙",
            Crisis::Scam,
            &["冒名粉專", "中獎", "加LINE", "匯款", "運費", "是詐騙"],
        ),
        (
            "店長罵客人，態度惡劣，爛透了",
            Crisis::Misconduct,
            &["店長罵客人", "態度惡劣"],
        ),
        (
            "黑店一星負評，大家避雷",
            Crisis::Review,
            &["黑店", "一星", "負評", "避雷"],
        ),
        (
            "Got food poisoning after eating there, awful",
            Crisis::Safety,
            &["food poisoning"],
        ),
        (
            "This page is a scam impersonating the brand, you won nothing",
            Crisis::Scam,
            &["scam", "impersonating", "you won"],
        ),
    ];
    for (text, crisis, evidence) in cases {
        let a = score(text);
        let found = a
            .crises
            .iter()
            .find(|c| c.crisis == *crisis)
            .unwrap_or_else(|| panic!("{text}: no {crisis:?} in {:?}", a.crises));
        let ev: Vec<&str> = found.evidence.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(&ev, evidence, "{text}");
        for e in &found.evidence {
            let units: Vec<u16> = text.encode_utf16().collect();
            assert_eq!(
                String::from_utf16(&units[e.start as usize..e.end as usize]).unwrap(),
                e.text
            );
        }
    }
    // Staff words alone in praise are no misconduct; no crisis in a happy review.
    assert!(score("店員很親切，老闆人很好").crises.is_empty());
}

#[test]
fn risk_grade_is_likelihood_times_impact() {
    let s = Scorer::builtin();
    let bad = s.score(
        "昨天吃完整晚拉肚子，同行兩個人都食物中毒，黑店，大家避雷！",
        &Signals {
            likes: 87,
            ..Signals::default()
        },
    );
    assert!(bad.risk.likelihood >= 4, "{:?}", bad.risk);
    assert_eq!((bad.risk.impact, bad.risk.grade), (5, Grade::Critical));
    assert!(
        bad.risk.reason.contains("product safety"),
        "{}",
        bad.risk.reason
    );
    let mild = score("咖啡有點貴");
    assert!(mild.risk.grade <= Grade::Medium, "{:?}", mild.risk);
    let good = score("超好吃，推爆！");
    assert_eq!((good.risk.likelihood, good.risk.grade), (1, Grade::Low));
}

#[test]
fn every_verdict_is_explained() {
    for text in ["普通", "不錯", "Meh.", "還行吧", "ok", "品質穩定"] {
        let a = score(text);
        assert!(
            !a.reasons.is_empty() || a.label == Label::Neu,
            "{text}: {a:?}"
        );
        let sum: f32 = a.reasons.iter().map(|r| r.contribution).sum();
        assert!(sum.is_finite());
    }
    // Words that cancel each other are shown with their shares, which
    // sum to nothing, not as words that weigh nothing.
    let a = score("Decent food, nothing special");
    let terms: Vec<f32> = a
        .reasons
        .iter()
        .filter(|r| r.kind == ReasonKind::Term)
        .map(|r| r.contribution)
        .collect();
    assert_eq!(terms.len(), 2, "{a:?}");
    assert!(terms.iter().all(|c| c.abs() > 0.3), "{a:?}");
    assert!(terms.iter().sum::<f32>().abs() < 1e-3, "{a:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Scoring never panics; scores stay in range; every span lies inside the
    /// text on UTF-16 boundaries and reads as its reason's text.
    #[test]
    fn spans_are_sound(text in "(\\PC|[\u{200B}\u{FE0F}😀雲朵好爛不但是!！?？ .\n]|not|GOOD|sooo|呵呵){0,60}") {
        let a = Scorer::builtin().score(&text, &Signals { rating: Some(2.0), ..Signals::default() });
        prop_assert!((-1.0..=1.0).contains(&a.score));
        prop_assert!((0.0..=1.0).contains(&a.confidence));
        let units: Vec<u16> = text.encode_utf16().collect();
        for r in &a.reasons {
            prop_assert!(r.start <= r.end && r.end as usize <= units.len());
            if r.start < r.end {
                let piece = String::from_utf16(&units[r.start as usize..r.end as usize]);
                prop_assert_eq!(piece.as_deref().ok(), Some(r.text.as_str()));
            }
        }
        let quick = Scorer::builtin().quick(&text, &Signals { rating: Some(2.0), ..Signals::default() });
        prop_assert!((quick.0 - a.score).abs() < 1e-5);
        prop_assert_eq!(quick.1, a.label);
    }
}

#[test]
fn links_and_handles_are_not_the_writers_words() {
    // `:/` inside the link would be a frown; `happy` inside the handle praise.
    let a = score("@happy_meals this was terrible http://x.com/:/great");
    assert_eq!(a.label, Label::Neg);
    assert_eq!(reasons(&a, ReasonKind::Term), [("terrible".into(), 22, 30)]);
    let spans = a.reasons.iter().filter(|r| r.end > r.start);
    assert!(spans.clone().count() > 0);
    assert!(spans.clone().all(|r| r.end <= 30 && r.start >= 13));
    // The sentence's own full stop after a link still ends the clause.
    let a = score("see www.example.com. great food");
    assert_eq!(reasons(&a, ReasonKind::Term), [("great".into(), 21, 26)]);
    assert_eq!(a.label, Label::Pos);
}

#[test]
fn a_match_cut_by_a_word_edge_leaves_the_words_inside_it() {
    // `a bit` (a degree) fails at `a bitc…`; `bitch` behind it still counts.
    let a = score("what a bitch");
    assert_eq!(reasons(&a, ReasonKind::Term), [("bitch".into(), 7, 12)]);
    assert_eq!(a.label, Label::Neg);
    // Hyphenated words are one word: no `mock` in `mock-ups`.
    let a = score("mock-ups all day");
    assert!(reasons(&a, ReasonKind::Term).is_empty());
    assert_eq!(a.label, Label::Neu);
}

#[test]
fn a_negator_that_is_also_a_valence_word_modifies_the_next_one() {
    // `no` before `good` negates it and is no complaint of its own.
    let a = score("no good");
    assert_eq!(reasons(&a, ReasonKind::Term), [("good".into(), 3, 7)]);
    assert_eq!(reasons(&a, ReasonKind::Negation), [("no".into(), 0, 2)]);
    assert_eq!(a.label, Label::Neg);
    // Alone it is one.
    assert_eq!(
        reasons(&score("no"), ReasonKind::Term),
        [("no".into(), 0, 2)]
    );
}

#[test]
fn learned_ngrams_follow_the_rules_scope() {
    // Negation: the learned `很好喝` would praise; under 沒有 it is left to the
    // rules, and in English a negated n-gram flips like a word.
    let a = score("咖啡沒有很好喝");
    assert_eq!(a.label, Label::Neg);
    assert!(learned(&a).iter().all(|t| t != "很好喝" && t != "好喝"));
    // Contrast: what comes after `but` weighs more, n-grams included.
    let a = score("I love it but the battery is bad");
    assert_eq!(a.label, Label::Neg);
    assert_eq!(reasons(&a, ReasonKind::Contrast), [("but".into(), 10, 13)]);
    // An n-gram cutting into a term (`物中` of `食物中毒`) is no reason.
    let a = score("同行兩個人都食物中毒");
    assert!(
        learned(&a).iter().all(|t| t != "物中" && t != "中"),
        "{:?}",
        learned(&a)
    );
    assert_eq!(a.label, Label::Neg);
}

/// The texts of the learned n-grams among the reasons.
fn learned(a: &Analysis) -> Vec<String> {
    reasons(a, ReasonKind::Learned)
        .into_iter()
        .map(|r| r.0)
        .collect()
}

#[test]
fn crisis_types_by_meaning() {
    let types =
        |text: &str| -> Vec<Crisis> { score(text).crises.iter().map(|c| c.crisis).collect() };
    // One strong hit is enough; a pattern with a gap; how people write it.
    for (text, crisis) in [
        ("在空心菜裡吃到蟑螂", Crisis::Safety),
        ("雞腿竟然是生的", Crisis::Safety),
        ("飲料裡有頭髮", Crisis::Safety),
        ("昨天買的三明治吃完拉肚子", Crisis::Safety),
        ("Found a piece of plastic in my sandwich", Crisis::Safety),
        ("服務態度也很差", Crisis::Misconduct),
        ("態度有夠差", Crisis::Misconduct),
        ("店員臉臭", Crisis::Misconduct),
        ("餐點用摔的", Crisis::Misconduct),
        ("有人冒充你們的粉專說中獎", Crisis::Scam),
        ("網路上有人在造謠說你們用過期食材", Crisis::Rumor),
        ("你們的會員資料外洩了", Crisis::Breach),
        ("難吃又貴，爛透了，再也不會來", Crisis::Review),
        ("手機電池膨脹", Crisis::Safety),
        ("The charger caught fire", Crisis::Safety),
        ("店員偷拿客人東西", Crisis::Misconduct),
        // No other word of complaint: theft is one (session 32).
        ("店員偷拿我的信用卡資料", Crisis::Misconduct),
        ("The manager yelled at us", Crisis::Misconduct),
        ("收到詐騙電話說是你們客服", Crisis::Scam),
        ("Someone is impersonating your page", Crisis::Scam),
        ("My data was leaked", Crisis::Breach),
        ("雞肉裡面還是紅的，根本沒熟", Crisis::Safety),
        ("付了訂金就聯絡不到人", Crisis::Scam),
        ("有人爆料這家其實是黑心工廠", Crisis::Rumor),
        // Session 38: meat named after 沒熟, a rumour's allegation, a phishing message.
        ("在雲朵吃到沒熟的雞肉", Crisis::Safety),
        ("聽說雲朵的老闆欠薪跑路了，真的假的？", Crisis::Rumor),
        ("看到爆料說雲朵偷工減料", Crisis::Rumor),
        // Session 39: diarrhoea as a verb after the meal.
        ("吃完拉了一整天", Crisis::Safety),
        (
            "收到簡訊說會員點數即將到期，點連結就要輸入帳密",
            Crisis::Scam,
        ),
        ("房間裡的礦泉水還是過期的", Crisis::Safety),
        ("手機充電的時候就燒了", Crisis::Safety),
        ("[爆卦] 雲朵咖啡店員打人", Crisis::Misconduct),
    ] {
        assert!(types(text).contains(&crisis), "{text}: {:?}", types(text));
    }
    // A question that spreads a grave allegation is no neutral mention; one
    // that asks something plain still is (session 38).
    for text in [
        "聽說雲朵的老闆欠薪跑路了，真的假的？",
        "網路上在傳雲朵用過期的鮮奶，有人證實嗎",
    ] {
        assert_eq!(score(text).label, Label::Neg, "{text}");
    }
    assert_eq!(score("請問今天有開嗎？").label, Label::Neu);
    // Crisis evidence leaves the words inside it their valence: the
    // verdict and its reasons are the words', the type the phrase's.
    for (text, word, crisis) in [
        ("店員很沒禮貌", "沒禮貌", Crisis::Misconduct),
        ("不爽就不要來", "不爽", Crisis::Misconduct),
        ("staff was very rude", "rude", Crisis::Misconduct),
        ("The manager ignored us", "ignored", Crisis::Misconduct),
        ("I got sick after eating here", "sick", Crisis::Safety),
    ] {
        let a = score(text);
        assert_eq!(a.label, Label::Neg, "{text}");
        assert!(
            reasons(&a, ReasonKind::Term).iter().any(|r| r.0 == word),
            "{text}: {:?}",
            a.reasons
        );
        assert!(types(text).contains(&crisis), "{text}: {:?}", types(text));
    }
    // Figurative uses and praise are no crisis of that type.
    for (text, crisis) in [
        ("鹹到爆炸", Crisis::Safety),
        ("出餐爆炸慢", Crisis::Safety),
        ("有種被詐騙的感覺", Crisis::Scam),
        ("麻煩發個資訊給我", Crisis::Breach),
        ("態度不差，東西好吃", Crisis::Misconduct),
        ("店員很親切，老闆人很好", Crisis::Misconduct),
        ("老闆偷偷多送我們一份小菜", Crisis::Misconduct),
        ("看他的影片笑到肚子痛", Crisis::Safety),
        // A bathroom, the early bird's worm, a beetle park, a warranty or
        // a coupon that ran out, packaging, an exploding mood (session 35).
        ("衛生間很差，淋浴沒有門", Crisis::Safety),
        ("早起的鳥兒有蟲吃", Crisis::Safety),
        ("帶小孩來甲蟲秘境玩，每個角落都有甲蟲", Crisis::Safety),
        ("剛買就降價，申請價保說已經過期了，很失望", Crisis::Safety),
        ("包裝就一個塑膠袋，很差", Crisis::Safety),
        ("心態爆炸，一直黑屏，爛透了", Crisis::Safety),
        ("買了之後感覺受到了欺騙", Crisis::Scam),
    ] {
        assert!(!types(text).contains(&crisis), "{text}: {:?}", types(text));
    }
}

#[test]
fn a_verdict_toward_each_brand() {
    use brand_radar::sentiment::{Basis, Mentioned};
    let s = Scorer::builtin();
    let toward = |text: &str| -> Vec<(String, Label, Basis)> {
        let mut mentions = Vec::new();
        for (brand, competitor, names) in [
            ("雲朵咖啡", false, &["雲朵", "Cloud Cafe"][..]),
            ("路易莎", true, &["路易莎", "Louisa"][..]),
        ] {
            for n in names {
                for (at, m) in text.match_indices(n) {
                    mentions.push(Mentioned {
                        brand,
                        competitor,
                        start: at,
                        end: at + m.len(),
                    });
                }
            }
        }
        let a = s.score(text, &Signals::default());
        let mut t: Vec<_> = s
            .targets(text, &mentions, &a, &Signals::default())
            .into_iter()
            .map(|t| (t.brand, t.label, t.basis))
            .collect();
        t.sort_by(|a, b| a.0.cmp(&b.0));
        t
    };
    let own_then_rival = |text: &str, own: Label, rival: Label| {
        let t = toward(text);
        assert_eq!(t.len(), 2, "{text}: {t:?}");
        assert_eq!(
            (t[0].0.as_str(), t[0].1),
            ("路易莎", rival),
            "{text}: {t:?}"
        );
        assert_eq!(
            (t[1].0.as_str(), t[1].1),
            ("雲朵咖啡", own),
            "{text}: {t:?}"
        );
    };
    own_then_rival("改喝路易莎啦 雲朵母湯", Label::Neg, Label::Pos);
    own_then_rival("雲朵比路易莎好喝多了", Label::Pos, Label::Neg);
    own_then_rival("雲朵不如路易莎", Label::Neg, Label::Pos);
    // A preference is a switch: the brand preferred up, the one left behind down.
    own_then_rival("比起雲朵我更喜歡路易莎", Label::Neg, Label::Pos);
    // What follows 但是 weighs more, in a comparison too: dearer, but better on balance.
    own_then_rival("雲朵比路易莎貴，但是好喝很多", Label::Pos, Label::Neg);
    own_then_rival("雲朵比路易莎好喝，但是貴很多", Label::Neg, Label::Pos);
    for text in ["雲朵比較貴但是好喝", "雲朵雖然比較貴，不過咖啡真的好喝"]
    {
        let t = toward(text);
        assert_eq!(
            (t[0].0.as_str(), t[0].1),
            ("雲朵咖啡", Label::Pos),
            "{text}: {t:?}"
        );
    }
    assert_eq!(toward("雲朵比較貴")[0].1, Label::Neg);
    // Alike: what is said of one is said of the other (a brand listed after another is no
    // yardstick), nothing where nothing is said.
    own_then_rival("雲朵跟路易莎一樣難喝", Label::Neg, Label::Neg);
    own_then_rival("雲朵跟路易莎一樣好喝", Label::Pos, Label::Pos);
    own_then_rival("雲朵和路易莎半斤八兩", Label::Neg, Label::Neg);
    own_then_rival("我覺得雲朵跟路易莎差不多", Label::Neu, Label::Neu);
    // Session 39, from the labelled comments' errors: not even as good as a brand
    // (連…都不如) sets it above; either of a list (或) shares what follows; never
    // again for one once another was tried; spared 這麼膩 (不至於) as a list.
    own_then_rival("雲朵的美式連路易莎都不如", Label::Neg, Label::Pos);
    own_then_rival("雲朵或者路易莎會是比較好的選擇", Label::Pos, Label::Pos);
    own_then_rival(
        "雲朵太貴了，一樣的價位我可能會選擇路易莎",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival("吃過雲朵就不會想再喝路易莎了", Label::Pos, Label::Neg);
    own_then_rival(
        "這杯好膩，在雲朵或路易莎喝過的都不至於這麼膩",
        Label::Pos,
        Label::Pos,
    );
    // Said alike with 都 or of an aspect: neither is set above the other.
    own_then_rival("雲朵跟路易莎都差不多", Label::Neu, Label::Neu);
    own_then_rival("雲朵和路易莎口味差不多", Label::Neu, Label::Neu);
    // Losing or winning in an aspect named without 的, or not losing.
    own_then_rival("雲朵CP值輸路易莎", Label::Neg, Label::Pos);
    own_then_rival("雲朵的美式不輸路易莎", Label::Pos, Label::Neg);
    // Regret is a switch looking back; what follows says why (超酸 complains).
    own_then_rival("早知道就去路易莎，雲朵的咖啡超酸", Label::Neg, Label::Pos);
    own_then_rival(
        "今天去雲朵，排隊排超久，早知道去路易莎",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival(
        "Waited 40 minutes at Cloud Cafe, should have gone to Louisa",
        Label::Neg,
        Label::Pos,
    );
    // English comparatives before `than`, and what follows "but".
    own_then_rival("Cloud Cafe is pricier than Louisa", Label::Neg, Label::Pos);
    own_then_rival(
        "Cloud Cafe is way tastier than Louisa",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Cloud Cafe is pricier than Louisa but the coffee is way better",
        Label::Pos,
        Label::Neg,
    );
    // Likened by something unwatched, it is still a yardstick.
    assert_eq!(toward("這杯跟路易莎一樣難喝")[0].1, Label::Neu);
    // What is said of a list with 都 is said of each brand in it.
    own_then_rival("雲朵跟路易莎都不錯", Label::Pos, Label::Pos);
    own_then_rival("雲朵、路易莎都很難喝", Label::Neg, Label::Neg);
    // A choice asked judges neither.
    own_then_rival("雲朵還是路易莎比較好喝？", Label::Neu, Label::Neu);
    own_then_rival("雲朵或路易莎哪個比較好喝?", Label::Neu, Label::Neu);
    own_then_rival("雲朵或是路易莎比較好喝？", Label::Neu, Label::Neu);
    own_then_rival("Is Cloud Cafe or Louisa better?", Label::Neu, Label::Neu);
    // English says it of them all with both / all / equally ("and" spaced).
    own_then_rival(
        "Cloud Cafe and Louisa are both terrible",
        Label::Neg,
        Label::Neg,
    );
    own_then_rival(
        "Cloud Cafe and Louisa are equally overpriced",
        Label::Neg,
        Label::Neg,
    );
    own_then_rival("路易莎太貴了，還是雲朵好", Label::Pos, Label::Neg);
    own_then_rival("雲朵比對面的路易莎好喝", Label::Pos, Label::Neg);
    // The subject that falls short is the brand named before, nothing said of it.
    own_then_rival("在雲朵排了半小時 還不如去路易莎", Label::Neg, Label::Pos);
    // What of a brand loses or wins (session 32).
    own_then_rival("雲朵的美式真的輸路易莎", Label::Neg, Label::Pos);
    own_then_rival("雲朵的服務態度完全贏路易莎", Label::Pos, Label::Neg);
    own_then_rival(
        "Louisa is overrated, Cloud Cafe is where it's at",
        Label::Pos,
        Label::Neg,
    );
    // 比對 checks one against the other: it says neither is better.
    let t = toward("拿雲朵的發票比對路易莎的價格");
    assert!(t.iter().all(|x| x.2 != Basis::Comparison), "{t:?}");
    own_then_rival("雲朵的拿鐵很好喝，路易莎的很難喝", Label::Pos, Label::Neg);
    // Next to a rival, what a brand is said to have is said in its favour,
    // though alone it would be plain information (no word of praise).
    own_then_rival(
        "路易莎的拿鐵難喝死了，雲朵的拿鐵每天早上都排滿人",
        Label::Pos,
        Label::Neg,
    );
    // Two brands set side by side, then a clause about one of them; a verb
    // of winning or losing alone between them; 不像 B 那麼….
    own_then_rival("比起路易莎，雲朵更好喝", Label::Pos, Label::Neg);
    own_then_rival("雲朵跟路易莎比起來，雲朵好喝多了", Label::Pos, Label::Neg);
    own_then_rival("雲朵和路易莎相比，路易莎比較難喝", Label::Pos, Label::Neg);
    own_then_rival("雲朵還是輸路易莎一截", Label::Neg, Label::Pos);
    // A negator before the cue turns it (each read the other way round).
    own_then_rival("雲朵沒有比路易莎好喝", Label::Neg, Label::Pos);
    own_then_rival("雲朵不輸給路易莎", Label::Pos, Label::Neg);
    own_then_rival("我不會改喝路易莎，雲朵好喝多了", Label::Pos, Label::Neg);
    own_then_rival(
        "I would never switch to Louisa, Cloud Cafe is great",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Cloud Cafe is not better than Louisa",
        Label::Neg,
        Label::Pos,
    );
    // 「A 跟 B 比」 with the verdict in the same clause; a list joined by
    // 還是 with 都; a brand named before a switch is the one left.
    own_then_rival("雲朵跟路易莎比真的差很多", Label::Neg, Label::Pos);
    own_then_rival("不管雲朵還是路易莎都很難喝", Label::Neg, Label::Neg);
    own_then_rival("雲朵漲價了，以後改喝路易莎", Label::Neg, Label::Pos);
    // A comma ends a list only where the brand after it ends its item.
    assert!(
        toward("推薦雲朵，路易莎就免了")
            .iter()
            .all(|t| t.0 != "路易莎" || t.1 != Label::Pos),
        "{:?}",
        toward("推薦雲朵，路易莎就免了")
    );
    // Which side wins by a little, or wins on something (session 28).
    own_then_rival("雲朵略勝路易莎一籌", Label::Pos, Label::Neg);
    own_then_rival("路易莎略遜雲朵", Label::Pos, Label::Neg);
    own_then_rival("雲朵不像路易莎那麼難喝", Label::Pos, Label::Neg);
    // Set side by side, then a clause that names neither: it is said of
    // the first; a brand that loses outright.
    own_then_rival("雲朵和路易莎比，差了一大截", Label::Neg, Label::Pos);
    own_then_rival("雲朵跟路易莎比起來，好喝太多了", Label::Pos, Label::Neg);
    own_then_rival("路易莎的拿鐵太淡，比一比雲朵完敗", Label::Neg, Label::Neg);
    own_then_rival("Cloud Cafe is better than Louisa", Label::Pos, Label::Neg);
    // Session 41: a list says 都 of every brand in it, past a model named
    // after one and from the first brand where it opens on an item of none.
    own_then_rival("雲朵V60、路易莎X3都很難喝", Label::Neg, Label::Neg);
    own_then_rival("超商咖啡和雲朵、路易莎都很難喝", Label::Neg, Label::Neg);
    // Past the aspect and who speaks: 「…的早餐我都很愛」.
    own_then_rival("雲朵跟路易莎的早餐我都很愛", Label::Pos, Label::Pos);
    // Spared, said bare after a complaint; not after praise of the other.
    own_then_rival("雲朵的店員超兇，路易莎就不會", Label::Neg, Label::Pos);
    own_then_rival(
        "雲朵每次都少給糖，以前去路易莎沒遇過",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival("路易莎的店員很熱情，雲朵就不會", Label::Neg, Label::Pos);
    // English: given up for another, a comparison a few words long.
    own_then_rival(
        "Replaced Louisa with Cloud Cafe for my morning coffee",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Traded in my Louisa for a Cloud Cafe",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Cloud Cafe is cleaner and the staff is friendlier than Louisa",
        Label::Pos,
        Label::Neg,
    );
    // Found by the fuzzer: a brand named twice in a row before a list of
    // one had sliced the text backwards.
    assert_eq!(toward("路易莎路易莎雲朵").len(), 2);
    // At least the other one; never back to one; 各 of a list; moved on
    // from the past (not where now is also).
    own_then_rival(
        "雲朵拿鐵根本洗碗水，路易莎至少喝得出咖啡味",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival(
        "Cloud Cafe was a mess today. At least Louisa has seats.",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival("喝過雲朵就回不去路易莎了", Label::Pos, Label::Neg);
    own_then_rival("雲朵和路易莎各有優點", Label::Pos, Label::Pos);
    own_then_rival("以前都喝雲朵，現在都喝路易莎了", Label::Neg, Label::Pos);
    let t = toward("以前喝路易莎，現在也喝雲朵");
    assert_eq!((t[0].0.as_str(), t[0].1), ("路易莎", Label::Neu), "{t:?}");
    // A comparison after a contrast; never again without 再; 改在.
    own_then_rival(
        "雲朵的拿鐵還行，但跟路易莎比就差一截",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival("喝過雲朵就不想喝路易莎了", Label::Pos, Label::Neg);
    own_then_rival(
        "路易莎最近出餐好慢，我都改在雲朵買了",
        Label::Pos,
        Label::Neg,
    );
    // 比較 right before a brand compares with it.
    own_then_rival("雲朵的環境比較路易莎舒服", Label::Pos, Label::Neg);
    // A preference after 比起 turns from the brand; 與其 A，不如 B.
    own_then_rival("比起雲朵我寧願喝路易莎", Label::Neg, Label::Pos);
    own_then_rival("與其喝路易莎，不如喝雲朵", Label::Pos, Label::Neg);
    // A landmark: where it is, nothing said of it.
    own_then_rival(
        "雲朵的店員今天態度超差，明明路易莎就在旁邊",
        Label::Neg,
        Label::Neu,
    );
    // Session 42: a bare 強 after 比 B measures, past an adverb; 不像 /
    // "unlike" after a clause; a rhetorical 不香嗎; 反而; the writer's side;
    // a switch that never looked back.
    own_then_rival("論拍照，雲朵還是比路易莎強", Label::Pos, Label::Neg);
    own_then_rival("雲朵的拍照比路易莎自然", Label::Pos, Label::Neg);
    // A comparison with no subject in its clause is said of the brand
    // named before, unless that brand's clause already leans.
    own_then_rival(
        "朋友一直推雲朵，結果喝了覺得還好，沒有比路易莎好喝到哪去",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival("去了雲朵，比路易莎難喝多了", Label::Neg, Label::Pos);
    // The model to learn from; a better or worse copy; 才是; the aspect
    // after the last 的.
    own_then_rival("路易莎要學學雲朵的服務態度", Label::Pos, Label::Neg);
    own_then_rival("雲朵應該跟路易莎學一下怎麼做外帶", Label::Neg, Label::Pos);
    own_then_rival("雲朵是路易莎的升級版", Label::Pos, Label::Neg);
    own_then_rival("雲朵就是路易莎的山寨版", Label::Neg, Label::Pos);
    // Read a few characters, not bytes, past 的 (this sliced 喔 in two).
    assert_eq!(toward("雲朵是路易莎的ab升級版喔喔").len(), 2);
    own_then_rival(
        "路易莎是被網紅捧起來的，雲朵才是實力派",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival("同樣的價錢，雲朵給的份量比路易莎多", Label::Pos, Label::Neg);
    own_then_rival(
        "真心覺得雲朵被低估了，路易莎被高估了",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival("推薦雲朵，路易莎可以不用考慮", Label::Pos, Label::Neg);
    own_then_rival("雲朵沒有比路易莎強", Label::Neg, Label::Pos);
    own_then_rival("雲朵很乾淨，不像路易莎那麼髒", Label::Pos, Label::Neg);
    own_then_rival("雲朵的店員很兇，不像路易莎", Label::Neg, Label::Pos);
    own_then_rival("不像路易莎，雲朵的座位很舒服", Label::Pos, Label::Neg);
    own_then_rival(
        "Cloud Cafe is clean and the staff actually help, unlike Louisa",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival("這價位喝雲朵，我去喝路易莎不香嗎", Label::Neg, Label::Pos);
    own_then_rival(
        "路易莎人太多了，雲朵反而坐得比較舒服",
        Label::Pos,
        Label::Neg,
    );
    let t = toward("我是雲朵派的");
    assert_eq!((t[0].0.as_str(), t[0].1), ("雲朵咖啡", Label::Pos), "{t:?}");
    own_then_rival(
        "I switched from Louisa to Cloud Cafe and never looked back",
        Label::Pos,
        Label::Neg,
    );
    // Who would, having the other; back to the usual one; a past said
    // after the name; a candle not held, a step up.
    own_then_rival("有雲朵誰要喝路易莎", Label::Pos, Label::Neg);
    own_then_rival("試過路易莎之後，還是乖乖回雲朵", Label::Pos, Label::Neg);
    own_then_rival(
        "Louisa used to be my go-to, now it's Cloud Cafe",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Louisa doesn't hold a candle to Cloud Cafe",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Cloud Cafe is a big step up from Louisa",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Cloud Cafe is a downgrade from Louisa",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival(
        "Louisa runs circles around Cloud Cafe",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival("Cloud Cafe outclasses Louisa", Label::Pos, Label::Neg);
    // Session 40: not in its class, falling far short, a forum's `>>>`, a
    // brand that wins with the loser named before, and an aspect compared
    // with a bare 高 / 低 (the aspect says which way).
    own_then_rival("雲朵的蛋糕完全不能跟路易莎的比", Label::Neg, Label::Pos);
    own_then_rival("雲朵這杯美式不能跟路易莎、星巴克比", Label::Neg, Label::Pos);
    own_then_rival("雲朵的服務跟路易莎差遠了", Label::Neg, Label::Pos);
    own_then_rival("雲朵的做工跟路易莎沒法比", Label::Neg, Label::Pos);
    own_then_rival("雲朵跟路易莎還是不能比", Label::Neg, Label::Pos);
    own_then_rival("雲朵的拿鐵跟路易莎的比起來差很多", Label::Neg, Label::Pos);
    own_then_rival("雲朵跟路易莎比根本小巫見大巫", Label::Neg, Label::Pos);
    own_then_rival("雲朵 >>> 路易莎", Label::Pos, Label::Neg);
    own_then_rival("雲朵又被路易莎比下去了", Label::Neg, Label::Pos);
    own_then_rival("雲朵排超久，路易莎完勝", Label::Neg, Label::Pos);
    own_then_rival("雲朵的CP值比路易莎低", Label::Neg, Label::Pos);
    own_then_rival("雲朵的價格比路易莎高", Label::Neg, Label::Pos);
    own_then_rival("路易莎要比雲朵、丹堤等高出一籌", Label::Neg, Label::Pos);
    own_then_rival("Louisa can't compare to Cloud Cafe", Label::Pos, Label::Neg);
    // 價效比 / 性價比 end in 比: the ratio is the aspect compared.
    own_then_rival("雲朵價效比路易莎高", Label::Pos, Label::Neg);
    own_then_rival("雲朵的性價比比路易莎高", Label::Pos, Label::Neg);
    // English: the winner named before a beating verb, a "but" that ends a
    // brand's segment belongs to the next, "compared to" closing a clause.
    own_then_rival(
        "Cloud Cafe blows Louisa out of the water",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Not a fan of Louisa, but Cloud Cafe is amazing",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Cloud Cafe is overpriced compared to Louisa.",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival(
        "Both Cloud Cafe and Louisa have gone downhill",
        Label::Neg,
        Label::Neg,
    );
    // 同款 likens: the rival is the yardstick, what follows is the subject's.
    own_then_rival("雲朵的外帶杯跟路易莎同款，超難用", Label::Neg, Label::Neu);
    // Whichever of them: 不管 / 無論 before a list says the rest of each.
    own_then_rival("不管雲朵還是路易莎，我都不喜歡", Label::Neg, Label::Neg);
    own_then_rival("無論是雲朵或路易莎，拿鐵都很好喝", Label::Pos, Label::Pos);
    own_then_rival(
        "Cloud Cafe doesn't compare with Louisa at all",
        Label::Neg,
        Label::Pos,
    );
    // Session 39: never going back to a brand, and not even as good as one.
    own_then_rival(
        "Cloud Cafe is fine but I'm never going back to Louisa",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Cloud Cafe isn't even as good as Louisa",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival(
        "Switched from Louisa to Cloud Cafe, way better",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Moved from Louisa to Cloud Cafe and regret it",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival(
        "Compared to Louisa, Cloud Cafe is much better",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival("I prefer Louisa over Cloud Cafe", Label::Neg, Label::Pos);
    own_then_rival("Cloud Cafe > Louisa", Label::Pos, Label::Neg);
    // English as people write it (session 30): `A over B`, `A instead of
    // B`, "instead" after the one moved to, "skip A", a few words between
    // a brand and its cue, a plural verb after a list, a comparative with
    // no "than" after a brand nothing is said of.
    own_then_rival("Louisa over Cloud Cafe any day", Label::Neg, Label::Pos);
    own_then_rival("I'd pick Louisa over Cloud Cafe", Label::Neg, Label::Pos);
    own_then_rival(
        "Skip Cloud Cafe, go to Louisa instead",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival(
        "Louisa is nothing compared to Cloud Cafe",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival(
        "Cloud Cafe can't compete with Louisa",
        Label::Neg,
        Label::Pos,
    );
    own_then_rival(
        "Cloud Cafe is way better than Louisa",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival("Cloud Cafe and Louisa are terrible", Label::Neg, Label::Neg);
    // Everyday comparisons (session 31): winning outright, crushing, even
    // half of it, the one chosen over the other, the past.
    for (text, own, rival) in [
        ("雲朵被路易莎打爆", Label::Neg, Label::Pos),
        ("路易莎完全輾壓雲朵", Label::Neg, Label::Pos),
        ("路易莎甩雲朵好幾條街", Label::Neg, Label::Pos),
        ("雲朵連路易莎的一半都不到", Label::Neg, Label::Pos),
        ("雲朵以前比路易莎好喝", Label::Neg, Label::Pos),
        ("Go to Louisa, not Cloud Cafe", Label::Neg, Label::Pos),
        (
            "Louisa wins hands down over Cloud Cafe",
            Label::Neg,
            Label::Pos,
        ),
        (
            "Cloud Cafe is miles ahead of Louisa",
            Label::Pos,
            Label::Neg,
        ),
        (
            "Cloud Cafe used to be better than Louisa",
            Label::Neg,
            Label::Pos,
        ),
    ] {
        own_then_rival(text, own, rival);
    }
    // Session 43: what all the others do and one alone does not; far short
    // by 差太多; 相比 before; which of them, asked; what was only expected;
    // not tried, not known, closed that day; only bought there from now on.
    for (text, own, rival) in [
        ("雲朵都可以退，偏偏路易莎說不行", Label::Pos, Label::Neg),
        (
            "路易莎跟星巴克都有補償，唯獨雲朵什麼都沒有",
            Label::Neg,
            Label::Pos,
        ),
        (
            "路易莎都會主動問要不要加糖，就只有這家雲朵從來不問",
            Label::Neg,
            Label::Pos,
        ),
        ("雲朵的咖啡跟路易莎差太多了", Label::Neg, Label::Pos),
        ("相比路易莎，雲朵好喝太多了", Label::Pos, Label::Neg),
        ("雲朵跟路易莎哪個比較近？", Label::Neu, Label::Neu),
        (
            "我以為雲朵會比路易莎好，結果完全相反",
            Label::Neg,
            Label::Pos,
        ),
        (
            "原本以為雲朵會輸路易莎，沒想到好喝很多",
            Label::Pos,
            Label::Neg,
        ),
        (
            "雲朵還沒喝過，路易莎的燕麥拿鐵是我的最愛",
            Label::Neu,
            Label::Pos,
        ),
        (
            "I haven't tried Cloud Cafe, but Louisa is great",
            Label::Neu,
            Label::Pos,
        ),
        (
            "路易莎我不熟，但雲朵的拿鐵是真的好吃",
            Label::Pos,
            Label::Neu,
        ),
        (
            "路易莎今天沒開，只好去雲朵，結果排了半小時",
            Label::Neg,
            Label::Neu,
        ),
        ("在路易莎買到過期的，以後只在雲朵買", Label::Pos, Label::Neg),
        // Neither … nor; what was said of one denied the next; regret for
        // the one left; what the other should be; a condition says nothing;
        // beaten as if fake; robotic.
        (
            "Neither Cloud Cafe nor Louisa know how to make a proper espresso.",
            Label::Neg,
            Label::Neg,
        ),
        (
            "Louisa's staff are lovely. Can't say the same for Cloud Cafe.",
            Label::Neg,
            Label::Pos,
        ),
        (
            "路易莎的店員都很準時，雲朵就不一定了",
            Label::Neg,
            Label::Pos,
        ),
        (
            "Tried Cloud Cafe because of the hype, should have stuck with Louisa.",
            Label::Neg,
            Label::Pos,
        ),
        (
            "Cloud Cafe is what Louisa should be.",
            Label::Pos,
            Label::Neg,
        ),
        (
            "If Louisa is too crowded, Cloud Cafe is a great alternative.",
            Label::Pos,
            Label::Neu,
        ),
        (
            "如果路易莎人太多，雲朵也是不錯的選擇",
            Label::Pos,
            Label::Neu,
        ),
        ("說真的路易莎根本被雲朵打假的", Label::Pos, Label::Neg),
        (
            "雲朵的店員會記得我的名字，路易莎的每次都像機器人",
            Label::Pos,
            Label::Neg,
        ),
        // 還 after 比 B: B is bad too; the subject right before 沒有 B; a
        // bare 強 after 還是 B; dismissed; done in by the other.
        ("雲朵比路易莎還爛", Label::Neg, Label::Neg),
        ("雲朵完全沒有路易莎那種焦苦味", Label::Pos, Label::Neg),
        (
            "論咖啡還是路易莎強一點，雲朵的蛋糕也普普",
            Label::Neg,
            Label::Pos,
        ),
        ("推雲朵，路易莎就免了", Label::Pos, Label::Neg),
        ("雲朵再這樣下去會被路易莎幹掉", Label::Neg, Label::Pos),
        // A benchmark reached (媲美, 不亞於, 有 B 的水準, "rivals"): B is
        // good, A as good unless denied.
        ("雲朵的拿鐵媲美路易莎", Label::Pos, Label::Pos),
        ("雲朵的咖啡不亞於路易莎", Label::Pos, Label::Pos),
        ("雲朵的服務有路易莎的水準", Label::Pos, Label::Pos),
        ("雲朵的價位卻沒有路易莎的水準", Label::Neg, Label::Pos),
        ("Cloud Cafe rivals Louisa", Label::Pos, Label::Pos),
        (
            "Cloud Cafe is just as good as Louisa",
            Label::Pos,
            Label::Pos,
        ),
        // A word that merely ends in "nt" denies nothing.
        (
            "Cloud Cafe is an excellent restaurant comparable to Louisa",
            Label::Pos,
            Label::Pos,
        ),
        // A landmark and one subject: the whole review is the subject's;
        // 最近 says now; a problem asked about.
        (
            "路易莎旁邊新開的雲朵，試了一下。拿鐵很難喝，不會再來。",
            Label::Neg,
            Label::Neu,
        ),
        (
            "以前上班都買路易莎，最近發現雲朵的豆子比較新鮮",
            Label::Pos,
            Label::Neg,
        ),
        (
            "路易莎的App常常當機。雲朵不知道有沒有這個問題？",
            Label::Neu,
            Label::Neg,
        ),
        // English: aspiring to the other, nothing on it.
        ("Cloud Cafe wishes it were Louisa.", Label::Neg, Label::Pos),
        (
            "Louisa tries to be Cloud Cafe and fails.",
            Label::Pos,
            Label::Neg,
        ),
        ("Cloud Cafe has nothing on Louisa.", Label::Neg, Label::Pos),
        // The verb before A denied before B, unless what is given is
        // blame; 才叫 names the real thing.
        ("選雲朵不選路易莎", Label::Pos, Label::Neg),
        ("差評給雲朵不給路易莎", Label::Neg, Label::Pos),
        ("雲朵的熱美式是溫的，路易莎的才叫熱", Label::Neg, Label::Pos),
        // Session 44: back to the other after trying one; the one to go
        // to; hearsay the writer disputes; a switch and its reason; the
        // winner named in the cue's clause.
        ("試了雲朵，結果還是路易莎好喝", Label::Neg, Label::Pos),
        (
            "如果在雲朵跟路易莎之間選，選路易莎就對了",
            Label::Neg,
            Label::Pos,
        ),
        (
            "朋友都說路易莎好喝，我喝了覺得很普通，還是雲朵好",
            Label::Pos,
            Label::Neg,
        ),
        (
            "Switched from Cloud Cafe to Louisa after the barista cancelled my order twice.",
            Label::Neg,
            Label::Pos,
        ),
        (
            "Louisa was packed and loud. Sticking with Cloud Cafe.",
            Label::Pos,
            Label::Neg,
        ),
        (
            "路易莎只有便宜這個優點，要好喝還是得去雲朵",
            Label::Pos,
            Label::Neg,
        ),
        (
            "雲朵的服務完全輾壓路易莎，價格也差不多",
            Label::Pos,
            Label::Neg,
        ),
        // Wanted first, had it been free; a preference across the drink
        // named.
        ("要不是路易莎客滿，我才不會進雲朵", Label::Neg, Label::Pos),
        // Session 45: out of stock, so bought elsewhere (no switch away);
        // 反而 the other way from a word before it; chosen from now on; a
        // list against this place, each of it.
        (
            "路易莎的訊號在山上根本收不到，雲朵反而滿格",
            Label::Pos,
            Label::Neg,
        ),
        (
            "Louisa lost my order twice. Cloud Cafe from now on.",
            Label::Pos,
            Label::Neg,
        ),
        (
            "If you want good coffee skip Louisa and go to Cloud Cafe",
            Label::Pos,
            Label::Neg,
        ),
        (
            "Cloud Cafe is twice as good as Louisa for half the price",
            Label::Pos,
            Label::Neg,
        ),
        // Examples of what the clause before said, each.
        (
            "要喝咖啡有其他更好的選擇，例如雲朵、路易莎等等",
            Label::Pos,
            Label::Pos,
        ),
        (
            "連鎖店都越來越難喝，像是雲朵、路易莎",
            Label::Neg,
            Label::Neg,
        ),
        (
            "路易莎缺貨只好改在雲朵買，結果隔天就到",
            Label::Pos,
            Label::Neu,
        ),
        (
            "同樣價位有更好的選擇，像是雲朵、路易莎都比這家好",
            Label::Pos,
            Label::Pos,
        ),
        // The favourite until another was tried; above on another level.
        (
            "Cloud Cafe used to be my favorite until I tried Louisa.",
            Label::Neg,
            Label::Pos,
        ),
        (
            "Nothing against Louisa, but Cloud Cafe is on another level.",
            Label::Pos,
            Label::Neg,
        ),
        // 倒是 sets one against what came before, softly: nothing said
        // of a brand not tried.
        (
            "路易莎的外送總是超時，雲朵最近倒是挺準時的",
            Label::Pos,
            Label::Neg,
        ),
        ("路易莎沒去過，雲朵倒是很推", Label::Pos, Label::Neu),
        ("雲朵已經跟不上路易莎了", Label::Neg, Label::Pos),
        // A page footer names a brand and judges nothing.
        (
            "雲朵的拿鐵超難喝。網站導航 關於路易莎 誠聘英才 Copyright 2008",
            Label::Neg,
            Label::Neu,
        ),
        (
            "I'd take a Louisa americano over anything on Cloud Cafe's menu.",
            Label::Neg,
            Label::Pos,
        ),
        // Session 46: the safe one; regret and "just" a few words before
        // the one wished for; 還是 a few words before, choosing again and
        // leaving nothing behind; a pair said to be alike.
        ("路易莎最近甜度亂做，還是雲朵穩", Label::Pos, Label::Neg),
        (
            "路易莎又取消訂單，早知道就多花點錢叫雲朵",
            Label::Pos,
            Label::Neg,
        ),
        ("路易莎再貴一點我就乾脆都喝雲朵了", Label::Pos, Label::Neg),
        (
            "路易莎的東西少到不行，要買什麼都沒有，還是走遠一點去雲朵",
            Label::Pos,
            Label::Neg,
        ),
        ("下次還是選雲朵，路易莎的外送也很快", Label::Pos, Label::Pos),
        ("路易莎和雲朵的拿鐵價格差不多", Label::Neu, Label::Neu),
        (
            "雲朵是網美店啦，真正懂咖啡的都去路易莎",
            Label::Neg,
            Label::Pos,
        ),
        (
            "Louisa's battery drains so fast, going back to Cloud Cafe",
            Label::Pos,
            Label::Neg,
        ),
        // Found in the end; moved to, then let down (the one left is
        // still left).
        ("路易莎缺貨缺好久，最後在雲朵買到了", Label::Pos, Label::Neg),
        ("路易莎缺貨，改在雲朵買，結果是假貨", Label::Neg, Label::Neg),
        (
            "最後在雲朵買到的是假貨，路易莎比較好",
            Label::Neg,
            Label::Pos,
        ),
        ("要走遠一點去雲朵還是就近買路易莎？", Label::Neu, Label::Neu),
        ("有人知道雲朵跟路易莎哪家有插座嗎", Label::Neu, Label::Neu),
        // Session 47: done readily against a complaint before it; a
        // brand's segment that opens on blame (the name's n-grams read
        // neutral); which one, asked.
        ("路易莎拖了半年，雲朵兩週就賠了", Label::Pos, Label::Neg),
        ("路易莎說不能退，雲朵就直接給退了", Label::Pos, Label::Neg),
        (
            "路易莎看了三次都沒好，雲朵一次就找到原因",
            Label::Pos,
            Label::Neg,
        ),
        ("雲朵很好喝，路易莎一下就壞了", Label::Pos, Label::Neg),
        ("雲朵我不常喝，但路易莎最近真的退步", Label::Neu, Label::Neg),
        ("雲朵跟路易莎哪台比較適合通勤？", Label::Neu, Label::Neu),
        // What is near, a list of them too, is a place's amenity.
        (
            "飯店還不錯，下面只有雲朵和路易莎，吃飯要走遠一點",
            Label::Neu,
            Label::Neu,
        ),
        (
            "Louisa's breakfast was sad compared to the Cloud Cafe spread",
            Label::Pos,
            Label::Neg,
        ),
        // An article before the brand judged against the other.
        (
            "Compared to Louisa, the Cloud Cafe was great",
            Label::Pos,
            Label::Neg,
        ),
        // Session 48: "but" turns to the next name; listed together, then
        // one preferred; not in the other's class; like the other with a
        // difference; learn from; close to; another level; done readily
        // against a complaint after it; right away; never again.
        (
            "We always go to Louisa but this time we tried Cloud Cafe and regretted it",
            Label::Neg,
            Label::Neu,
        ),
        (
            "路易莎跟雲朵我都用過，還是雲朵比較穩",
            Label::Pos,
            Label::Neg,
        ),
        ("雲朵的拿鐵不是路易莎能比的", Label::Pos, Label::Neg),
        (
            "Cloud Cafe is like Louisa but worse",
            Label::Neg,
            Label::Pos,
        ),
        ("雲朵就像路易莎，但更難喝", Label::Neg, Label::Pos),
        // Unlike is no likeness: what follows 但 is said of 雲朵 alone.
        ("雲朵不像路易莎那麼貴，但更好喝", Label::Pos, Label::Neg),
        (
            "Louisa could learn a thing or two from Cloud Cafe",
            Label::Pos,
            Label::Neg,
        ),
        (
            "Nothing at Louisa comes close to Cloud Cafe's mocha",
            Label::Pos,
            Label::Neg,
        ),
        (
            "Louisa is fine I guess, but Cloud Cafe is on another level",
            Label::Pos,
            Label::Neg,
        ),
        (
            "雲朵的理賠一週就入帳，路易莎到現在還沒下來",
            Label::Pos,
            Label::Neg,
        ),
        (
            "路易莎買到瑕疵品退貨超麻煩，雲朵直接到府收退",
            Label::Pos,
            Label::Neg,
        ),
        (
            "寧願多走幾步去雲朵，也不要再去路易莎",
            Label::Pos,
            Label::Neg,
        ),
        (
            "路易莎的蛋餅越來越薄，還是雲朵的料比較多",
            Label::Pos,
            Label::Neg,
        ),
    ] {
        own_then_rival(text, own, rival);
    }
    // A brand named only as a hashtag is what the post is about: the
    // unit's verdict is its (session 49), whatever the other is compared on.
    let t = toward("拿鐵很香，甜點也好吃，價格比路易莎貴一點，但很值得 #雲朵咖啡");
    assert!(
        t.iter().any(|t| t.0 == "雲朵咖啡" && t.1 == Label::Pos),
        "{t:?}"
    );
    // A landmark cuts no segment: what follows it is said of the brand
    // before it (session 31).
    own_then_rival("雲朵開在路易莎隔壁，生意應該會很差", Label::Neg, Label::Neu);
    own_then_rival(
        "The Louisa next to Cloud Cafe was awful",
        Label::Neu,
        Label::Neg,
    );
    // 誰還 sets down the brand it names.
    let t = toward("有雲朵誰還喝路易莎");
    assert!(
        t.iter().any(|t| t.0 == "路易莎" && t.1 == Label::Neg),
        "{t:?}"
    );
    // A list after a cue shares it, joined by & too (a Yelp review).
    let t = toward("Philz is way better than Cloud Cafe & Louisa");
    assert!(t.iter().all(|t| t.1 == Label::Neg), "{t:?}");
    own_then_rival(
        "I had Louisa instead of Cloud Cafe and regretted it",
        Label::Pos,
        Label::Neg,
    );
    own_then_rival("Cloud Cafe? Louisa is much better", Label::Neg, Label::Pos);
    own_then_rival("雲朵喔？路易莎好喝多了", Label::Neg, Label::Pos);
    // "over" inside a word is no cue.
    own_then_rival(
        "Cloud Cafe is overpriced, Louisa is fine",
        Label::Neg,
        Label::Pos,
    );
    // Names run together are one name: both share what follows.
    own_then_rival(
        "上一杯雲朵路易莎聯名都沒遇過這種問題",
        Label::Pos,
        Label::Pos,
    );
    own_then_rival(
        "I switched to Louisa, Cloud Cafe never answers",
        Label::Neg,
        Label::Pos,
    );
    // What a sentence said before a brand's clause is not about it.
    own_then_rival(
        "排隊排超久又超爛，路易莎的拿鐵倒是不錯。雲朵很難喝",
        Label::Neg,
        Label::Pos,
    );
    // 比 with a qualifier before the brand it compares with.
    own_then_rival(
        "雲朵的拿鐵很香，比台北的路易莎好喝多了",
        Label::Pos,
        Label::Neg,
    );
    // One brand: the unit's own verdict; a mention-free text: no target.
    let t = toward("雲朵的手沖很讚");
    assert_eq!(t, [("雲朵咖啡".to_string(), Label::Pos, Basis::Unit)]);
    assert!(toward("今天天氣很好").is_empty());
    // One brand that a cue compares with something unwatched: the praise
    // of another shop is at its cost, and the other way round.
    let one = |text: &str| {
        toward(text)
            .into_iter()
            .map(|t| (t.1, t.2))
            .collect::<Vec<_>>()
    };
    for (text, want) in [
        ("這家比雲朵好喝多了", Label::Neg),
        // Across the road is a qualifier, not 比對 (session 32).
        ("比對面雲朵好喝多了", Label::Neg),
        ("這家完勝雲朵", Label::Neg),
        ("雲朵不如以前了", Label::Neg),
        ("還不如去喝雲朵", Label::Pos),
        ("改喝雲朵啦", Label::Pos),
        // Falls short of it.
        ("這家的拿鐵差雲朵太遠了", Label::Pos),
        ("操控還是雲朵略勝半籌", Label::Pos),
        ("雲朵勝在全面", Label::Pos),
        ("雲朵贏太多了", Label::Pos),
        ("以後只喝雲朵了", Label::Pos),
        ("寧可多走幾步去雲朵", Label::Pos),
        ("寧可不喝也不要去雲朵", Label::Neg),
        ("I'd rather walk ten minutes to Cloud Cafe", Label::Pos),
        // A cue negated advises against the brand (it read as praise).
        ("這家很難吃，不推薦雲朵", Label::Neg),
        ("不建議買雲朵", Label::Neg),
        ("不是很推薦雲朵", Label::Neg),
        ("還是推薦雲朵", Label::Pos),
        ("沒有比雲朵好吃的", Label::Pos),
        // 沒有 compares where the rest says in what, or the lack is regretted.
        ("這家沒有雲朵好喝", Label::Pos),
        ("這家沒有雲朵那麼難喝", Label::Neg),
        ("真可惜這附近沒有雲朵", Label::Pos),
        ("這家沒有吊打雲朵", Label::Pos),
        // Spared what the unit complains of: the better side; spared once,
        // or on a condition, the one blamed.
        ("等了一個小時，雲朵就不會這樣", Label::Pos),
        ("油耗味非常重，雲朵就不會有這樣的問題", Label::Pos),
        ("螢幕老是會亂點，雲朵都沒遇過這種情況", Label::Pos),
        (
            "Waited an hour. Cloud Cafe never has this problem.",
            Label::Pos,
        ),
        ("雲朵以前不會這樣", Label::Neg),
        ("雲朵如果有誠意就不會這樣", Label::Neg),
        // A yardstick for the place written about: the other side.
        ("跟雲朵比，這家好喝多了", Label::Neg),
        ("比起雲朵，這家好喝", Label::Neg),
        ("和雲朵相比，這裡便宜很多", Label::Neg),
        ("跟雲朵比起來，這家的拿鐵難喝很多", Label::Pos),
        (
            "Compared with Cloud Cafe, the coffee here is bland",
            Label::Pos,
        ),
        ("這家的服務很差，這是跟雲朵比", Label::Pos),
    ] {
        assert_eq!(one(text), [(want, Basis::Comparison)], "{text}");
    }
    // Against the place the text is about: the brand is the other side.
    assert_eq!(one("雲朵比這家好喝多了"), [(Label::Pos, Basis::Comparison)]);
    assert_eq!(one("雲朵比這家難喝"), [(Label::Neg, Basis::Comparison)]);
    // 比較 with the other side unsaid: a complaint about this place, and
    // the brand named as the faster one (「走去買雲朵都比較快」).
    assert_eq!(
        one("等了一個小時還沒好，走去買雲朵都比較快"),
        [(Label::Pos, Basis::Comparison)]
    );
    assert_eq!(one("雲朵比他們貴很多"), [(Label::Neg, Basis::Comparison)]);
    // A question, or a flavour it lacks, is no comparison.
    assert_ne!(one("雲朵不會有這種問題嗎？")[0].1, Basis::Comparison);
    assert_ne!(one("雲朵都沒有這種口味")[0].1, Basis::Comparison);
    // 沒有 with nothing compared is no comparison (a PTT line).
    assert_ne!(one("誰沒有拿過雲朵的錢?")[0].1, Basis::Comparison);
    // Only a landmark: nothing said of it.
    assert_eq!(
        one("就在雲朵對面，這家早午餐超難吃"),
        [(Label::Neu, Basis::Tone)]
    );
    // On the way there: nothing said of it.
    assert_eq!(
        one("今天去雲朵的路上看到車禍，好可怕"),
        [(Label::Neu, Basis::Tone)]
    );
    // A friend's recommendation is no choice of the writer's.
    assert_eq!(one("朋友推薦雲朵，結果超難喝")[0].0, Label::Neg);
    // A benchmark: good, whether the place reaches it or not.
    assert_eq!(one("這家的拿鐵媲美雲朵"), [(Label::Pos, Basis::Comparison)]);
    assert_eq!(
        one("這家根本沒有雲朵的水準"),
        [(Label::Pos, Basis::Comparison)]
    );
    // Only a yardstick that something is likened to.
    assert_eq!(
        one("這家的拿鐵跟雲朵差不多，服務卻很差"),
        [(Label::Neu, Basis::Tone)]
    );
    // Session 45: full, so the writer came here; had before, then this
    // one (what was said of it before the turn, nothing if nothing);
    // even it beats this one; heard, then tried.
    assert_eq!(
        one("剛好雲朵客滿才進來，結果意外好喝"),
        [(Label::Neu, Basis::Tone)]
    );
    assert_eq!(
        one("剛好雲朵沒位子才來這家，沒想到甜點很好吃"),
        [(Label::Neu, Basis::Tone)]
    );
    assert_eq!(
        one("我平常都喝雲朵，今天來試試這家，拿鐵很順口"),
        [(Label::Neu, Basis::Tone)]
    );
    assert_eq!(
        one("我一直都用雲朵，這台是第一次買別牌，相機真的好"),
        [(Label::Neu, Basis::Tone)]
    );
    assert_eq!(
        one("以前用的雲朵從來沒出過問題，這台才一個月就壞"),
        [(Label::Pos, Basis::Comparison)]
    );
    assert_eq!(
        one("這支手機卡到不行，我三年前的雲朵都比它好用"),
        [(Label::Pos, Basis::Comparison)]
    );
    assert_eq!(one("聽說雲朵很好喝，結果根本普普")[0].0, Label::Neg);
    assert_eq!(one("隨便一家雲朵都比這裡好")[0].0, Label::Pos);
    assert_eq!(
        one("雲朵的店員比這裡專業一百倍"),
        [(Label::Pos, Basis::Comparison)]
    );
    // This one, with nothing said of another make, may be its own item.
    assert_eq!(one("平常喝雲朵，這款是第一次喝，很難喝")[0].0, Label::Neg);
    assert_eq!(one("後悔沒去雲朵")[0].0, Label::Pos);
    for text in [
        "I usually go to Cloud Cafe, but today I tried this little place and loved it",
        "Cloud Cafe was packed so we ended up here. Glad we did, the pastries were great",
        // Met at it; booked through it.
        "約在雲朵門口等，結果這家餐廳要排一小時",
        "這家飯店是用雲朵訂的，房間有霉味",
    ] {
        assert_eq!(one(text), [(Label::Neu, Basis::Tone)], "{text}");
    }
    // The same shop called 這家 is no turn: 「以前…，這家現在…」.
    assert_eq!(one("以前雲朵很好喝，這家現在變難喝了")[0].0, Label::Neg);
}

#[test]
fn the_risk_toward_each_brand_is_its_own() {
    use brand_radar::risk::Grade;
    use brand_radar::sentiment::Mentioned;
    let s = Scorer::builtin();
    let text = "雲朵的拿鐵裡有蟑螂，路易莎好喝多了";
    let mentions =
        [("雲朵咖啡", false, "雲朵"), ("路易莎", true, "路易莎")].map(|(brand, competitor, n)| {
            let at = text.find(n).unwrap();
            Mentioned {
                brand,
                competitor,
                start: at,
                end: at + n.len(),
            }
        });
    let signals = Signals {
        likes: 300,
        ..Signals::default()
    };
    let a = s.score(text, &signals);
    let t = s.targets(text, &mentions, &a, &signals);
    let of = |b: &str| t.iter().find(|x| x.brand == b).unwrap();
    // The hazard is 雲朵's: its grade counts the safety type and the reach.
    assert_eq!(of("雲朵咖啡").label, Label::Neg, "{t:?}");
    assert!(
        of("雲朵咖啡").risk.grade >= Grade::High,
        "{:?}",
        of("雲朵咖啡").risk
    );
    // 路易莎 is praised: no crisis of its own, whatever the comment holds.
    assert_eq!(of("路易莎").label, Label::Pos, "{t:?}");
    assert_eq!(
        of("路易莎").risk.grade,
        Grade::Low,
        "{:?}",
        of("路易莎").risk
    );
}

/// A customer's polite question on the shop's page asks, however the
/// n-grams lean (「請問今天有開嗎」 was −0.49, red: on review sites 請問 mostly
/// opens a reproach); a reproach still blames by its words.
#[test]
fn questions_ask_unless_they_judge() {
    for text in [
        "你的韓導是指誰",
        "請問這間有停車位嗎？",
        "Is it open on Sunday?",
        "請問今天有開嗎",
        "請問可以訂位嗎？",
        "想問有素食的嗎",
    ] {
        assert_eq!(score(text).label, Label::Neu, "{text}");
    }
    for text in [
        "為什麼這麼難吃？？",
        "這家真的很好吃嗎？我覺得超難吃",
        "Why is the service so terrible?",
        "請問這是給人吃的嗎",
        "請問為什麼這麼難吃？",
        "根本不是給人吃的",
    ] {
        assert_eq!(score(text).label, Label::Neg, "{text}");
    }
}

/// A shop's notice announces: the n-grams learned 公休 and 不便 from the
/// reviews that complained of them. A curated word still speaks, and stars
/// are the writer's verdict.
#[test]
fn a_shops_notice_announces() {
    for (text, label) in [
        ("今天公休", Label::Neu),
        ("本店週一公休，造成不便敬請見諒", Label::Neu),
        ("店休一天，不便之處敬請見諒", Label::Neu),
        (
            "We are closed on Mondays. Sorry for the inconvenience.",
            Label::Neu,
        ),
        ("We apologize for any inconvenience", Label::Neu),
        ("公休也不公告，白跑一趟，爛透了", Label::Neg),
        (
            "Sorry for the inconvenience is all they said after an hour wait",
            Label::Neg,
        ),
        ("They were closed on a Sunday, terrible", Label::Neg),
    ] {
        assert_eq!(score(text).label, label, "{text}");
    }
    let rated = Scorer::builtin().score(
        "今天公休",
        &Signals {
            rating: Some(1.0),
            ..Signals::default()
        },
    );
    assert_eq!(rated.label, Label::Neg, "{rated:?}");
}

/// A food blog is mostly the facts of a place: where it is, how to order
/// and pay, what the menu holds, what a dish is made of. The n-grams,
/// fitted to whole reviews and their stars, leaned each its own way on them
/// (session 49: 22 of 55 such sentences typed fresh were polar). What tells
/// how it went, or a curated word, still speaks.
#[test]
fn a_blogs_information_is_neutral() {
    for (text, label) in [
        ("店內採用自助點餐，點完餐要先到櫃檯結帳", Label::Neu),
        ("進門之後要先拿號碼牌", Label::Neu),
        ("用餐時間限制90分鐘", Label::Neu),
        ("牛肉是使用澳洲進口的", Label::Neu),
        ("這碗麵的價格是180元", Label::Neu),
        ("餐點送上來的時候會附一小碗湯", Label::Neu),
        ("老闆說這道菜是他們家的招牌", Label::Neu),
        ("📍 營業時間：11:30-14:30、17:30-21:00", Label::Neu),
        ("點餐要先付款", Label::Neu),
        // Session 50: a place's history, its prices, hotel hours, the way up.
        ("這家夜市小吃攤已經擺了三十幾年", Label::Neu),
        ("他們只收現金，記得先準備好零錢", Label::Neu),
        ("服務費另外收一成", Label::Neu),
        ("兩個人吃下來大概兩千元左右", Label::Neu),
        ("一碗芒果冰是180元", Label::Neu),
        ("吃完之後我們繼續往羅東夜市前進", Label::Neu),
        ("早餐店六點就開門了，十點前就收攤", Label::Neu),
        ("以上店家資訊都整理在文章最後面", Label::Neu),
        ("附近巷子裡有機車停車格", Label::Neu),
        ("有些麵包下午三點還會再出爐一次", Label::Neu),
        ("這次是第三次來這家鍋物店", Label::Neu),
        ("入住時間是下午三點，退房是隔天十一點", Label::Neu),
        ("餐廳在百貨公司的七樓，搭手扶梯上去就到了", Label::Neu),
        ("附近有一間便利商店，走路大約五分鐘", Label::Neu),
        ("服務費收一成，但服務完全沒有到位", Label::Neg),
        ("點餐等了四十分鐘才拿到", Label::Neg),
        ("結帳的時候才說不能刷卡", Label::Neg),
        ("店員一直來催我們點餐，有點壓迫感", Label::Neg),
        ("可以刷卡很方便", Label::Pos),
    ] {
        assert_eq!(score(text).label, label, "{text}");
    }
}

/// A feed's chatter says nothing of the brand: a brand's post gathers
/// hundreds of 「樓上」, 「路過」, 「我要抽」 and friends tagged, which the
/// n-grams (fitted to reviews) leaned red. What says more than its mark,
/// or a curated word beside it, still speaks.
#[test]
fn a_feeds_chatter_says_nothing() {
    for text in [
        "樓上",
        "路過",
        "同問",
        "求地址",
        "已追蹤",
        "真的假的",
        "原來如此",
        "我要抽",
        "留言抽！！",
        "樓上+1",
        "@王小明 走",
        "我要抽 @王小明 @陳小華",
        "@Kevin @Amy 走吧",
        "where is this?",
        "Same question here",
    ] {
        assert_eq!(score(text).label, Label::Neu, "{text}");
    }
    for (text, label) in [
        ("樓上傻比", Label::Neg),
        ("真假可疑", Label::Neg),
        ("樓上 真的很難吃", Label::Neg),
        ("路過聞到臭味", Label::Neg),
        ("我要抽 好想吃", Label::Pos),
        ("@雲朵咖啡 退款呢", Label::Neg),
        ("@王小明 這家好好吃", Label::Pos),
    ] {
        assert_eq!(score(text).label, label, "{text}");
    }
}

#[test]
fn character_grams_judge_chinese_text_and_count_as_wording() {
    let with = Scorer::builtin();
    let without = Scorer::new(Lexicon::builtin().with_chars(None));
    let weight = with.lexicon().params.zh.chars;
    assert!(weight > 0.0, "the shipped model uses its character n-grams");
    let review = "房間很小，隔音差，早餐也沒什麼選擇，下次不會再住了";
    let chars = with.parts(review).chars;
    assert!(chars < 0.0, "a complaint leans negative: {chars}");
    assert_eq!(without.parts(review).chars, 0.0);
    assert_eq!(
        with.parts("The room was small and noisy.").chars,
        0.0,
        "Chinese only"
    );
    // What the model adds is in the one reason without a span.
    let wording = |s: &Scorer| {
        s.score(review, &Signals::default())
            .reasons
            .iter()
            .filter(|r| r.kind == ReasonKind::Wording)
            .map(|r| r.contribution)
            .sum::<f32>()
    };
    assert!((wording(with) - wording(&without) - weight * chars).abs() < 1e-3);
}

/// A forum title that asks about a good word asks, it does not praise; a
/// question that reproaches, or praise beside it, is still judged.
#[test]
fn praise_asked_about_is_no_verdict() {
    let s = Scorer::builtin();
    for text in [
        "這家的牛肉麵好吃嗎？",
        "這台好用嗎",
        "求推薦好用的吸塵器",
        "家用網路請推薦？",
        "Z590的內建WIFI規格會比X570好嗎",
        "請問LG 55CXPWA這台電視的1個問題",
        // Which one has it is asked, not said.
        "有沒有好吃的",
        "有沒有推薦的",
        "台中哪裡有好吃的火鍋",
        "哪家比較好喝",
        // Which of two, asked.
        "這家還是那家比較好吃？",
        "A還是B比較好用?",
    ] {
        let a = s.score(text, &Signals::default());
        assert_eq!(a.label, Label::Neu, "{text}: {a:?}");
    }
    for (text, want) in [
        ("可以不要這麼難吃嗎", Label::Neg),
        ("這家有沒有很難吃", Label::Neg),
        ("這家很好吃嗎？我覺得超難吃", Label::Neg),
        ("營業時間寫10點是寫好玩的嗎？", Label::Neg),
        ("賣家能仔細點嗎？寫著不要雞蛋還是給我加雞蛋", Label::Neg),
        ("魚堡好吃 但這麼大一根刺是要我噎死嗎", Label::Neg),
        // 還是 that is "still", said.
        ("湯頭還是一樣好喝！", Label::Pos),
        // What is asked about says nothing beside what is said.
        ("求推薦好用的吸塵器，之前買的超爛", Label::Neg),
        (
            "服務人員態度良好，依照客人需求推薦套餐 食材新鮮讚～",
            Label::Pos,
        ),
        (
            "旗魚米粉湯好吃到要打包 龍蝦三明治不知道在吃什麼",
            Label::Pos,
        ),
    ] {
        let a = s.score(text, &Signals::default());
        assert_eq!(a.label, want, "{text}: {a:?}");
    }
}

#[test]
fn english_praise_asked_about_is_no_verdict() {
    let s = Scorer::builtin();
    for text in [
        "Is the food here any good?",
        "@united is the wifi any good on the 787?",
        "Are they worth the price?",
        "Can anyone recommend a good plumber in Austin?",
        "Any good sushi places near downtown?",
        "Would you recommend this hotel for families?",
    ] {
        let a = s.score(text, &Signals::default());
        assert_eq!(a.label, Label::Neu, "{text}: {a:?}");
        // The word asked about is no term of the rules.
        assert!(
            a.reasons.iter().all(|r| r.kind != ReasonKind::Term),
            "{text}: {:?}",
            a.reasons
        );
    }
    for (text, want) in [
        // Questions that reproach keep their verdict.
        ("Isn't it great that they lost my bag again?", Label::Neg),
        ("Why is the service so bad?", Label::Neg),
        ("Is this a joke? Two hours on hold.", Label::Neg),
        // What is said beside the question still counts.
        ("Have you tried their ramen? It is amazing!", Label::Pos),
        ("Is it good?! It is the best burger in town.", Label::Pos),
    ] {
        let a = s.score(text, &Signals::default());
        assert_eq!(a.label, want, "{text}: {a:?}");
    }
}

/// A brand's name is no judgement of it: the sentiment words inside it are
/// blanked before scoring, and every span into the text stays valid.
#[test]
fn a_brand_is_not_judged_by_its_own_name() {
    use brand_radar::sentiment::Mentioned;
    let s = Scorer::builtin();
    fn utf16_at(text: &str, byte: usize) -> u32 {
        text[..byte].encode_utf16().count() as u32
    }
    let named = |text: &'static str, name: &str| {
        let start = text.find(name).expect("the name is in the text");
        let end = start + name.len();
        let m = Mentioned {
            brand: "brand",
            competitor: false,
            start,
            end,
        };
        let blanked = s.blank_names(text, &[m]);
        assert_eq!(blanked.len(), text.len(), "the same bytes");
        assert_eq!(
            blanked.encode_utf16().count(),
            text.encode_utf16().count(),
            "the same UTF-16 units"
        );
        assert_eq!(&blanked[end..], &text[end..], "the rest as it was");
        let a = s.score(&blanked, &Signals::default());
        let (from, to) = (utf16_at(text, start), utf16_at(text, end));
        assert!(
            a.reasons.iter().all(|r| r.end <= from || r.start >= to),
            "{text}: no reason inside the name: {:?}",
            a.reasons
        );
        a.label
    };
    // Read with the name, this was praise.
    assert_eq!(score("好吃屋的湯很鹹").label, Label::Pos);
    assert_eq!(named("好吃屋的湯很鹹", "好吃屋"), Label::Neg);
    assert_eq!(
        named("Happy Burger is overpriced", "Happy Burger"),
        Label::Neg
    );
    assert_eq!(named("好吃屋今天人很多", "好吃屋"), Label::Neu);
    // What is said of it still counts.
    assert_eq!(named("好吃屋很好吃", "好吃屋"), Label::Pos);
    // Nor does a negator or a degree word inside a name turn what follows
    // (the 不 of 可不可 made its praise blame).
    assert_eq!(score("可不可的順口多了").label, Label::Neg);
    assert_eq!(named("可不可的順口多了", "可不可"), Label::Pos);
    assert_eq!(named("無印良品的衣服品質很差", "無印良品"), Label::Neg);
    assert_eq!(named("非常泰的咖哩很好吃", "非常泰"), Label::Pos);
    // A word of any width keeps its length (an emoji is two UTF-16 units).
    assert_eq!(named("Joy 😀 Café is awful", "Joy 😀 Café"), Label::Neg);
    // A name with no sentiment word: the text itself, not a copy.
    let m = Mentioned {
        brand: "雲朵",
        competitor: false,
        start: 0,
        end: "雲朵".len(),
    };
    assert!(matches!(
        s.blank_names("雲朵很好喝", &[m]),
        std::borrow::Cow::Borrowed(_)
    ));
}

/// A measure and the way it moved (`direction` and `measure` in
/// lexicon/modifiers.tsv): more of what is good or less of what is bad is
/// good news, and the other way round, whatever each word says alone
/// ("complaints" blames, "increased" and "confidence" praise).
#[test]
fn a_measure_and_the_way_it_moved() {
    let rules =
        |a: &Analysis| contribution(a, ReasonKind::Term) + contribution(a, ReasonKind::Negation);
    for (text, good, shown) in [
        ("Profits rose 20% in the quarter.", true, "Profits rose"),
        ("Sales fell sharply.", false, "Sales fell"),
        (
            "Net sales for the period increased to EUR 50 mn.",
            true,
            "Net sales for the period increased",
        ),
        (
            "Wait times have increased.",
            false,
            "Wait times have increased",
        ),
        (
            "The number of complaints has decreased.",
            true,
            "complaints has decreased",
        ),
        ("Consumer confidence dropped.", false, "confidence dropped"),
        ("The company cut costs.", true, "cut costs"),
        (
            "Portion sizes have shrunk.",
            false,
            "Portion sizes have shrunk",
        ),
        ("Sales did not increase.", false, "Sales did not increase"),
        ("價格又上漲了", false, "價格又上漲"),
        ("等待時間變長", false, "等待時間變長"),
        ("降低了成本", true, "降低了成本"),
        ("油耗降低了不少", true, "油耗降低"),
        ("沒有發現動力有什麼提升", false, "動力有什麼提升"),
    ] {
        let a = score(text);
        assert_eq!(rules(&a) > 0.0, good, "{text}: {:?}", a.reasons);
        assert!(
            reasons(&a, ReasonKind::Term)
                .iter()
                .any(|(t, ..)| t == shown),
            "{text}: {:?}",
            a.reasons
        );
    }
    // Two moves, two pieces of bad news: the price went up, the demand down.
    let a = score("Higher prices reduced demand.");
    let terms = reasons(&a, ReasonKind::Term);
    assert_eq!(terms.len(), 2, "{terms:?}");
    assert!(contribution(&a, ReasonKind::Term) < 0.0);
    // A customer's plain complaints are read so.
    for text in [
        "The quality has dropped a lot.",
        "Prices went up again.",
        "價格又漲了",
        "等待時間變長",
    ] {
        assert_eq!(score(text).label, Label::Neg, "{text}");
    }
    // A measure with nothing moving it keeps its own word: "great value".
    assert!(contribution(&score("Great value for the money"), ReasonKind::Term) > 0.0);
}

/// Inputs the fuzzer (`tests/fuzz.rs`) found to break scoring, kept so
/// they stay fixed: a praise hit that ran past the trimmed end of a closing
/// clause (`ironic_close` sliced past it).
#[test]
fn inputs_the_fuzzer_found() {
    for text in ["m🇼{a🇹🇹不好ß\"b🇼?吗-d:", "񟖦-m🇼{a🇹🇹不好ß\"b🇼?吗-d:"]
    {
        let a = score(text);
        assert!((-1.0..=1.0).contains(&a.score), "{text}: {}", a.score);
    }
}

/// A list that opens on an item of no brand says 都 of the brands from the
/// first of them: the spec words before (「2.5低配」) read as plain
/// information and had made the whole list neutral (session 41).
#[test]
fn a_list_judged_from_its_first_brand() {
    use brand_radar::sentiment::Mentioned;
    let s = Scorer::builtin();
    let text = "2.5低配或豐田RAV4、本田CRV、三菱歐藍德都不錯。";
    let mentions: Vec<Mentioned> = ["豐田", "本田", "三菱"]
        .iter()
        .map(|&brand| {
            let start = text.find(brand).unwrap();
            Mentioned {
                brand,
                competitor: false,
                start,
                end: start + brand.len(),
            }
        })
        .collect();
    let a = s.score(text, &Signals::default());
    for t in s.targets(text, &mentions, &a, &Signals::default()) {
        assert_eq!(t.label, Label::Pos, "{}: {t:?}", t.brand);
    }
}

/// A cue with space between it and its brand (「要不是 路易莎 客滿」) is
/// shown whole: its span was once counted back from the brand, which cut a
/// character in half when the fuzzer put a vertical tab there.
#[test]
fn a_cue_spaced_from_its_brand_is_shown_whole() {
    use brand_radar::sentiment::Mentioned;
    let s = Scorer::builtin();
    for (text, brand, cue) in [
        (
            "要不是 路易莎 客滿，我才不會進雲朵",
            "路易莎",
            "要不是 路易莎 客滿",
        ),
        (
            "要不是\u{b}Cloud Cafe客滿",
            "Cloud Cafe",
            "要不是\u{b}Cloud Cafe客滿",
        ),
    ] {
        let start = text.find(brand).unwrap();
        let mentions = [Mentioned {
            brand,
            competitor: true,
            start,
            end: start + brand.len(),
        }];
        let a = s.score(text, &Signals::default());
        let t = s.targets(text, &mentions, &a, &Signals::default());
        let shown: Vec<&str> = t[0]
            .reasons
            .iter()
            .filter(|r| r.kind == ReasonKind::Comparison)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(shown, [cue], "{text}: {t:?}");
    }
}
