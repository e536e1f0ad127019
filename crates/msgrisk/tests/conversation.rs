//! Conversations: scripted grooming in each language crosses the high level
//! with its stages in order and the right author; the same script without a
//! stated age scores lower; adults flirting and a parent arranging a pick-up
//! stay low; one by one equals at once; memory stays bounded.
//!
//! The rule sets here are the tests' own, so that the figures do not move
//! when the default rules change.

use std::sync::Arc;

use msgrisk::{Assessment, Classifier, Conversation, Level, Turn, MAX_AUTHORS};

const EN_RULES: &str = r#"
name = "conv-test-en"
version = "1"
lang = "en"

[[rule]]
id = "en.age"
category = "signal.minor_age"
weight = 0.8
patterns = ['\bim (1[0-5]|[89])\b', '\bin (year|yr) [5-9]\b', '\b[5-8]th grade\b']
match = ["im 13, u?", "im in year 8"]

[[rule]]
id = "en.access.age"
category = "grooming.access"
weight = 0.15
phrases = ["how old r u", "how old are you", "asl"]
match = ["how old r u btw?"]

[[rule]]
id = "en.trust.mature"
category = "grooming.trust"
weight = 0.3
phrases = ["mature for ur age", "mature for your age", "you can trust me", "u can trust me"]
match = ["ur so mature for ur age"]

[[rule]]
id = "en.risk.parents"
category = "grooming.risk_assessment"
weight = 0.4
phrases = ["are ur parents home", "are your parents home", "are you alone", "r u alone"]
match = ["are ur parents home rn?"]

[[rule]]
id = "en.secrecy"
category = "grooming.secrecy"
weight = 0.6
phrases = ["dont tell anyone", "our little secret", "delete this chat"]
unless = ["surprise", "party"]
match = ["dont tell anyone we talk ok"]
ignore = ["dont tell anyone about the surprise party"]

[[rule]]
id = "en.switch"
category = "grooming.platform_switch"
weight = 0.3
phrases = ["add me on snap", "add me on insta", "whats ur number"]
match = ["add me on snap its easier"]

[[rule]]
id = "en.desens.kissed"
category = "grooming.desensitization"
weight = 0.4
phrases = ["ever kissed", "ever been kissed"]
match = ["have u ever kissed anyone?"]

[[rule]]
id = "en.image"
category = "grooming.image_request"
weight = 0.5
near = [{ groups = [["send", "show"], ["pic", "pics", "photo", "selfie"]], within = 4 }]
match = ["send me a pic of u"]

[[rule]]
id = "en.meeting"
category = "grooming.meeting"
weight = 0.45
phrases = ["meet up", "pick u up", "pick you up", "come alone"]
match = ["we should meet up"]

[[rule]]
id = "en.sextortion.threat"
category = "sextortion.threat"
weight = 0.85
phrases = ["or i send ur pics", "or i send your pics"]
match = ["pay 100 or i send ur pics to everyone"]
"#;

const NL_RULES: &str = r#"
name = "conv-test-nl"
version = "1"
lang = "nl"

[[rule]]
id = "nl.age"
category = "signal.minor_age"
weight = 0.8
patterns = ['\bik ben (1[0-5]|[89])\b', '\b(in|op) de brugklas\b', '\bin groep [78]\b']
match = ["ik ben 13", "ik zit in de brugklas"]

[[rule]]
id = "nl.access.age"
category = "grooming.access"
weight = 0.15
phrases = ["hoe oud ben je", "hoe oud ben jij"]
match = ["hoe oud ben je eigenlijk?"]

[[rule]]
id = "nl.trust.mature"
category = "grooming.trust"
weight = 0.3
phrases = ["volwassen voor je leeftijd", "je kan me vertrouwen", "je kunt me vertrouwen"]
match = ["je bent echt volwassen voor je leeftijd"]

[[rule]]
id = "nl.risk.alone"
category = "grooming.risk_assessment"
weight = 0.4
phrases = ["zijn je ouders thuis", "ben je alleen thuis", "ben je alleen"]
match = ["zijn je ouders thuis?"]

[[rule]]
id = "nl.secrecy"
category = "grooming.secrecy"
weight = 0.6
phrases = ["niet tegen je ouders", "ons geheimpje", "zeg het tegen niemand", "vertel het aan niemand"]
unless = ["verrassing", "feest"]
match = ["vertel het aan niemand he"]
ignore = ["vertel het aan niemand, het is een verrassing"]

[[rule]]
id = "nl.switch"
category = "grooming.platform_switch"
weight = 0.3
phrases = ["voeg me toe op snap", "op snap", "wat is je nummer"]
match = ["voeg me toe op snap dat is makkelijker"]

[[rule]]
id = "nl.desens"
category = "grooming.desensitization"
weight = 0.4
phrases = ["ooit gezoend", "al eens gezoend"]
match = ["heb je al eens gezoend?"]

[[rule]]
id = "nl.image"
category = "grooming.image_request"
weight = 0.5
near = [{ groups = [["stuur"], ["foto*", "pic"]], within = 4 }]
match = ["stuur ff een foto van jezelf"]

[[rule]]
id = "nl.meeting"
category = "grooming.meeting"
weight = 0.45
phrases = ["afspreken", "ik haal je op", "kom alleen"]
match = ["zullen we zaterdag afspreken"]
"#;

fn classifier(rules: &str) -> Classifier {
    Classifier::builder().defaults(false).add_toml("test.toml", rules).build().unwrap()
}

fn assess(c: &Classifier, script: &[(&str, &str)]) -> Assessment {
    let mut conversation = Conversation::new(c);
    let mut last = None;
    for (author, text) in script {
        last = Some(conversation.add(Some(author), text, None).1);
    }
    last.unwrap()
}

fn turns<'a>(script: &'a [(&'a str, &'a str)]) -> Vec<Turn<'a>> {
    script.iter().map(|(a, t)| Turn::new(Some(a), t, None)).collect()
}

const EN_GROOMING: &[(&str, &str)] = &[
    ("jay", "hey saw ur post about the concert, u have good taste"),
    ("mia", "haha thx"),
    ("jay", "how old r u btw?"),
    ("mia", "im 13, u?"),
    ("jay", "19. ur so mature for ur age tho"),
    ("mia", "lol ok"),
    ("jay", "are ur parents home rn?"),
    ("mia", "no theyre at work till 6"),
    ("jay", "cool. dont tell anyone we talk ok, they wouldnt get it"),
    ("jay", "add me on snap its easier"),
    ("mia", "ok"),
    ("jay", "have u ever kissed anyone?"),
    ("jay", "send me a pic of u in ur new top"),
    ("jay", "we should meet up this weekend"),
];

const EN_STAGES: [&str; 8] = [
    "grooming.access",
    "grooming.trust",
    "grooming.risk_assessment",
    "grooming.secrecy",
    "grooming.platform_switch",
    "grooming.desensitization",
    "grooming.image_request",
    "grooming.meeting",
];

const NL_GROOMING: &[(&str, &str)] = &[
    ("r0b", "hey leuke video van je dansje"),
    ("sanne", "dankje haha"),
    ("r0b", "hoe oud ben je eigenlijk?"),
    ("sanne", "ik ben 13, jij?"),
    ("r0b", "18. je bent echt volwassen voor je leeftijd"),
    ("sanne", "haha echt?"),
    ("r0b", "zijn je ouders thuis?"),
    ("sanne", "nee die werken nog"),
    ("r0b", "vertel het aan niemand dat we praten he, ze snappen het toch niet"),
    ("r0b", "voeg me toe op snap dat is makkelijker"),
    ("sanne", "ok"),
    ("r0b", "heb je al eens gezoend?"),
    ("r0b", "stuur ff een foto van jezelf"),
    ("r0b", "zullen we zaterdag afspreken?"),
];

fn without_age<'a>(script: &[(&'a str, &'a str)], from: &str, to: &'a str) -> Vec<(&'a str, &'a str)> {
    script.iter().map(|&(a, t)| if t == from { (a, to) } else { (a, t) }).collect()
}

fn check_grooming(c: &Classifier, script: &[(&str, &str)], groomer: &str, child: &str) {
    let a = assess(c, script);
    assert_eq!(a.level, Level::High, "risk {}", a.risk);
    assert_eq!(a.peak_level, Level::High);
    let stages: Vec<&str> = a.stages.iter().map(|s| &*s.category).collect();
    assert_eq!(stages, EN_STAGES);
    let firsts: Vec<usize> = a.stages.iter().map(|s| s.first_message).collect();
    assert!(firsts.windows(2).all(|w| w[0] < w[1]), "{firsts:?}");
    assert!(a.stages.iter().all(|s| s.author.as_deref() == Some(groomer)));
    assert_eq!(a.suspect().unwrap().author.as_deref(), Some(groomer));
    assert_eq!(a.minor().unwrap().author.as_deref(), Some(child));
    let minor = a.minor().unwrap().minor_evidence.clone().unwrap();
    assert_eq!(minor.message, 3);
    assert_eq!(&script[3].1[minor.span()][..3], if groomer == "jay" { "im " } else { "ik " });
    assert!(a.author(Some(child)).unwrap().risk < 0.25);
    // The strongest evidence is the secrecy move, raised by the stated age.
    let top = &a.evidence[0];
    assert_eq!(&*top.category, "grooming.secrecy");
    assert!(top.strength > top.weight);
    assert_eq!(top.message, 8);
    assert!(a.evidence.windows(2).all(|w| w[0].strength >= w[1].strength));
}

#[test]
fn english_grooming_crosses_high_with_stages_in_order() {
    check_grooming(&classifier(EN_RULES), EN_GROOMING, "jay", "mia");
}

#[test]
fn dutch_grooming_crosses_high_with_stages_in_order() {
    check_grooming(&classifier(NL_RULES), NL_GROOMING, "r0b", "sanne");
}

#[test]
fn without_a_stated_age_the_same_conversation_scores_lower() {
    for (rules, script, from, to) in [
        (EN_RULES, EN_GROOMING, "im 13, u?", "old enough lol, u?"),
        (NL_RULES, NL_GROOMING, "ik ben 13, jij?", "oud genoeg haha, jij?"),
    ] {
        let c = classifier(rules);
        let with = assess(&c, script);
        let without = assess(&c, &without_age(script, from, to));
        assert!(without.minor().is_none());
        assert!(without.risk < with.risk && without.peak_risk < with.peak_risk, "{} vs {}", without.risk, with.risk);
        // Stage by stage, the moves that a minor makes serious weigh less.
        let jay = |a: &Assessment| a.suspect().unwrap().categories.clone();
        let (w, wo) = (jay(&with), jay(&without));
        for c in ["grooming.secrecy", "grooming.image_request", "grooming.meeting"] {
            assert!(w[c] > wo[c] + 0.1, "{c}: {} vs {}", w[c], wo[c]);
        }
        assert_eq!(w["grooming.access"], wo["grooming.access"]);
    }
}

#[test]
fn adults_flirting_stay_low() {
    let c = classifier(EN_RULES);
    let a = assess(
        &c,
        &[
            ("sam", "had such a good time last night"),
            ("alex", "me too 😊 you looked amazing in that dress"),
            ("sam", "send me a pic of the new one you bought"),
            ("alex", "only if you come over and see it in person 😏"),
            ("sam", "have you ever kissed someone on a first date? asking for me"),
            ("alex", "maybe once. we should meet up friday"),
            ("sam", "add me on insta, my whatsapp is acting up"),
            ("alex", "done x"),
        ],
    );
    // Four flirting moves, each a rule firing, and still no more than low.
    assert!(a.stages.len() >= 4);
    assert!(a.peak_risk < 0.25, "{}", a.peak_risk);
    assert_eq!(a.peak_level, Level::None);
    assert!(a.minor().is_none());
    // The same moves right after one side says they are 14 are high.
    let b = assess(
        &c,
        &[
            ("alex", "im 14 btw"),
            ("sam", "send me a pic of the new one you bought"),
            ("sam", "have you ever kissed someone? asking for me"),
            ("sam", "we should meet up friday"),
        ],
    );
    assert_eq!(b.level, Level::High, "{}", b.risk);
    assert_eq!(b.suspect().unwrap().author.as_deref(), Some("sam"));
}

#[test]
fn a_parent_arranging_a_pick_up_stays_low() {
    let c = classifier(EN_RULES);
    let a = assess(
        &c,
        &[
            ("mum", "what time does practice finish today?"),
            ("tom", "5 i think. can u pick me up"),
            ("mum", "yes ill pick you up at the gate, dont forget your kit"),
            ("tom", "can jake come too? his dad is working"),
            ("mum", "of course, ill text his mum"),
            ("tom", "thx"),
        ],
    );
    assert!(a.stage("grooming.meeting").is_some());
    assert!(a.peak_risk < 0.25, "{}", a.peak_risk);
    let c = classifier(NL_RULES);
    let a = assess(
        &c,
        &[
            ("mama", "hoe laat ben je uit school?"),
            ("noor", "half 4"),
            ("mama", "ik haal je op bij het hek"),
            ("noor", "mag sanne ook mee? haar moeder moet werken"),
            ("mama", "tuurlijk, ik app haar moeder ff"),
        ],
    );
    assert!(a.stage("grooming.meeting").is_some());
    assert!(a.peak_risk < 0.25, "{}", a.peak_risk);
}

#[test]
fn one_by_one_equals_at_once() {
    let c = classifier(EN_RULES);
    // Long enough for several parallel batches, with authors and times.
    let texts: Vec<(Option<String>, String, Option<i64>)> = (0..1500)
        .map(|i| {
            let (a, t) = EN_GROOMING[i % EN_GROOMING.len()];
            let author = (i % 7 != 3).then(|| format!("{a}{}", i % 3));
            (author, format!("{t} {i}"), (i % 5 != 0).then_some(i as i64 * 60))
        })
        .collect();
    let mut one = Conversation::new(&c);
    let mut steps = Vec::new();
    for (a, t, time) in &texts {
        steps.push(one.add(a.as_deref(), t, *time).1);
    }
    let all = Conversation::assess_all(&c, texts.iter().map(|(a, t, time)| Turn::new(a.as_deref(), t, *time)));
    assert_eq!(steps.last().unwrap(), &all);
    assert_eq!(one.assessment(), all);
    let mut pushed = Conversation::new(&c);
    for (a, t, time) in &texts {
        pushed.push(a.as_deref(), t, *time);
    }
    assert_eq!(pushed.assessment(), all);
    assert_eq!((pushed.risk(), pushed.peak_risk()), (all.risk, all.peak_risk));
    // And any prefix, fed at once through a shared classifier.
    let shared = Arc::new(c.clone());
    let mut half = Conversation::from_arc(shared);
    let prefix = half.add_all(texts[..700].iter().map(|(a, t, time)| Turn::new(a.as_deref(), t, *time)));
    assert_eq!(prefix, steps[699]);
    // The script itself, twice: deterministic.
    assert_eq!(Conversation::assess_all(&c, turns(EN_GROOMING)), Conversation::assess_all(&c, turns(EN_GROOMING)));
}

#[test]
fn without_authors_one_stream_still_works() {
    for (rules, script) in [(EN_RULES, EN_GROOMING), (NL_RULES, NL_GROOMING)] {
        let c = classifier(rules);
        let a = Conversation::assess_all(&c, script.iter().map(|(_, t)| Turn::new(None, t, None)));
        assert_eq!(a.authors.len(), 1);
        assert_eq!(a.authors[0].author, None);
        assert!(a.suspect().is_some() && a.suspect().unwrap().author.is_none());
        assert_eq!(a.level, Level::High, "{}", a.risk);
        assert_eq!(a.stages.len(), EN_STAGES.len());
        // Sides cannot be told apart, so the stated age weighs less.
        assert!(a.risk <= assess(&c, script).risk);
    }
    let c = classifier(EN_RULES);
    let flirt = Conversation::assess_all(
        &c,
        [
            "send me a pic of the new one you bought",
            "have you ever kissed someone on a first date?",
            "we should meet up friday",
        ]
        .map(|t| Turn::new(None, t, None)),
    );
    assert!(flirt.peak_risk < 0.25, "{}", flirt.peak_risk);
}

#[test]
fn evidence_fades_with_messages_and_time() {
    let c = classifier(EN_RULES);
    let mut conv = Conversation::new(&c);
    conv.add(Some("a"), "hi", None);
    conv.add(Some("b"), "hey", None);
    let (_, at) = conv.add(Some("a"), "pay 100 or i send ur pics to everyone", None);
    assert_eq!(at.level, Level::High);
    let mut last = at.risk;
    for i in 0..200 {
        let (_, now) = conv.add(Some(if i % 2 == 0 { "b" } else { "a" }), "ok lol", None);
        assert!(now.risk <= last);
        last = now.risk;
    }
    let end = conv.assessment();
    assert!(end.risk < 0.05 * end.peak_risk, "{}", end.risk);
    assert_eq!(end.peak_message, Some(2));
    assert_eq!(end.peak_level, Level::High);
    assert_eq!(end.stage("sextortion.threat").unwrap().first_message, 2);

    // Two weeks of silence halve it twice; a time earlier than one seen
    // does not turn the clock back.
    let mut conv = Conversation::new(&c).half_life_messages(f64::INFINITY);
    let (_, first) = conv.add(Some("a"), "pay 100 or i send ur pics to everyone", Some(0));
    let (_, later) = conv.add(Some("b"), "no", Some(14 * 24 * 3600));
    let threat = |a: &Assessment| a.author(Some("a")).unwrap().categories["sextortion.threat"];
    assert!((threat(&later) - threat(&first) / 4.0).abs() < 1e-12);
    assert!(later.risk < first.risk / 2.0);
    let (_, back) = conv.add(Some("b"), "no", Some(3600));
    assert_eq!(back.risk, later.risk);
}

#[test]
fn distinct_moves_weigh_more_than_one_repeated() {
    let c = classifier(EN_RULES);
    let repeated =
        assess(&c, &[("x", "dont tell anyone ok"), ("x", "dont tell anyone ok"), ("x", "dont tell anyone ok")]);
    let distinct =
        assess(&c, &[("x", "dont tell anyone ok"), ("x", "are ur parents home?"), ("x", "we should meet up")]);
    assert!(distinct.risk > repeated.risk + 0.1, "{} {}", distinct.risk, repeated.risk);
    // Repetition adds a little, not what a new move adds.
    let once = assess(&c, &[("x", "dont tell anyone ok")]);
    assert!(repeated.risk > once.risk && repeated.risk < once.risk + 0.15);
    assert_eq!(repeated.stages[0].messages, 3);
    assert_eq!(repeated.evidence.len(), 1);
}

#[test]
fn a_hundred_thousand_messages_keep_bounded_state() {
    let c = classifier(EN_RULES);
    let script: Vec<String> = EN_GROOMING.iter().map(|(_, t)| t.to_string()).collect();
    let authors: Vec<String> = (0..200).map(|i| format!("user{i}")).collect();
    let mut conv = Conversation::new(&c);
    let feed = |conv: &mut Conversation, from: usize, to: usize| {
        conv.add_all((from..to).map(|i| {
            Turn::new(Some(authors[i % authors.len()].as_str()), script[i % script.len()].as_str(), Some(i as i64))
        }))
    };
    let early = feed(&mut conv, 0, 10_000);
    let retained = conv.retained();
    let end = feed(&mut conv, 10_000, 100_000);
    assert_eq!(conv.len(), 100_000);
    assert_eq!(end.messages, 100_000);
    assert_eq!(conv.retained(), retained);
    assert!(end.authors.len() <= MAX_AUTHORS + 1);
    assert_eq!(end.authors.len(), early.authors.len());
    assert!(end.evidence.len() <= msgrisk::DEFAULT_MAX_EVIDENCE);
    assert!(end.stages.len() <= 10);
    assert!(end.stages[0].messages > 9 * early.stages[0].messages);
}

#[test]
fn conversation_types_are_send_and_sync() {
    fn assert_all<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    assert_all::<Conversation<'static>>();
    assert_all::<Assessment>();
    assert_all::<Turn<'static>>();
}

/// A loose check with the embedded default rules: the scripts above behave
/// the same way (levels and authors only, so rule edits do not break it).
#[test]
fn default_rules_tell_the_scripts_apart() {
    let c = Classifier::new();
    for (script, groomer, child) in [(EN_GROOMING, "jay", "mia"), (NL_GROOMING, "r0b", "sanne")] {
        let a = assess(&c, script);
        assert!(a.peak_level >= Level::Medium, "{groomer}: {}", a.peak_risk);
        assert_eq!(a.suspect().unwrap().author.as_deref(), Some(groomer));
        assert_eq!(a.minor().unwrap().author.as_deref(), Some(child));
    }
    for script in [
        &[
            ("sam", "send me a pic of the new one you bought"),
            ("alex", "maybe once. we should meet up friday"),
            ("sam", "have you ever kissed someone on a first date? asking for me"),
        ][..],
        &[("mama", "hoe laat ben je uit school?"), ("noor", "half 4"), ("mama", "ik haal je op bij het hek")][..],
    ] {
        let a = assess(&c, script);
        assert!(a.peak_level < Level::Medium, "{}", a.peak_risk);
    }
}
