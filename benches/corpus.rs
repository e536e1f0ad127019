//! A seeded generator of realistic chat for benchmarks and the side-by-side
//! comparison: Dutch and English, mostly 5 to 80 characters with a tail of
//! long messages, some emoji and accents, about 1% risky lines.
//!
//! The same seed gives the same corpus on every machine (fastrand's WyRand
//! is a fixed algorithm). The corpus is generated, never committed.

#![allow(dead_code)]

const BENIGN_EN: &[&str] = &[
    "hey",
    "lol",
    "wyd",
    "omg same",
    "ngl that was so funny",
    "u coming to practice tmrw?",
    "did u finish the maths homework",
    "send me the homework pic pls",
    "im so tired of school rn",
    "what time does the match start",
    "my mom says dinner is ready",
    "can u pick me up at 5",
    "that game last night was insane",
    "bro i lost again",
    "haha fr",
    "see u at the bus stop",
    "who's coming to the party on saturday",
    "i got a new phone",
    "happy birthday!! 🎉",
    "idk maybe later",
    "i'll be there in 10 min",
    "the teacher was so annoying today",
    "are u watching the new season",
    "brb",
    "good night 😴",
    "thanks for the help with the essay",
    "we won 3-1 🔥",
    "it's raining again",
    "can we do the project at ur place",
    "lmaooo",
    "the secret santa is at friday, don't tell anyone who u got",
    "what's the wifi password",
    "my little brother is 13 and so annoying",
    "i have a part-time job at the supermarket now",
    "did u see the news about the loverboy case",
    "meet at the library after school?",
    "coach says training is at 6 tomorrow",
    "my dad will drive us",
    "pizza tonight? 🍕",
    "can u send the notes from biology",
    "i'm at grandma's this weekend",
    "that's so cute",
];

const BENIGN_NL: &[&str] = &[
    "hoi",
    "haha",
    "wat doe je",
    "ff kijken",
    "idd",
    "mss later",
    "ik ben er over 10 min",
    "heb je het huiswerk al af",
    "kun je de foto van het huiswerk sturen",
    "wanneer is de training",
    "mijn moeder zegt dat het eten klaar is",
    "kun je me om 5 uur ophalen",
    "we hebben gewonnen 😄",
    "het regent alweer",
    "zullen we morgen naar de bieb gaan",
    "ik ben zo moe",
    "wss kom ik niet",
    "heb je de wedstrijd gezien",
    "gefeliciteerd!! 🎂",
    "ik heb een bijbaantje bij de albert heijn",
    "ge moet da nie doen",
    "goesting in frieten?",
    "mijn broertje is 12",
    "tot straks",
    "de leraar was echt irritant vandaag",
    "stuur je me ff een tikkie voor de pizza",
    "wie komt er zaterdag naar het feest",
    "ik heb een nieuwe gsm",
    "welterusten 😴",
    "zullen we het project bij jou doen",
    "niet vergeten: surprise voor mama, niks zeggen hè",
    "heb je het nieuws over die loverboy gezien",
    "café om 3 uur?",
    "één momentje",
    "de trein heeft vertraging",
    "mattie waar ben je",
    "fissa bij sanne vanavond",
];

const RISKY_EN: &[&str] = &[
    "how old r u? ur so mature for ur age",
    "are ur parents home rn? dont tell anyone we talk",
    "add me on snap, this app is boring",
    "send me a pic of u, just for me",
    "this is our little secret ok, delete this chat",
    "want to make easy money? 500 a day, travel paid",
    "pay 200 in gift cards or i send ur pics to all ur followers",
    "i can pick u up after school, ur mom doesnt need to know",
];

const RISKY_NL: &[&str] = &[
    "hoe oud ben je? je bent zo volwassen voor je leeftijd",
    "ben je alleen thuis? niks tegen je ouders zeggen",
    "kom op snap, hier kan ik niet praten",
    "stuur ff een foto van jezelf, alleen voor mij",
    "dit blijft ons geheimpje, verwijder dit gesprek",
    "wil je snel geld verdienen? reis en hotel betaald",
    "betaal 200 euro of ik stuur je foto's naar al je volgers",
    "ik haal je op na school, je moeder hoeft het niet te weten",
];

const EMOJI: &[&str] = &["😂", "😭", "❤️", "🙈", "🔥", "😍", "👍", "🤫", "😊", "🥺"];

/// The generator: call [`Corpus::message`] for each message.
pub struct Corpus {
    rng: fastrand::Rng,
}

impl Corpus {
    /// A generator with a fixed seed.
    pub fn new(seed: u64) -> Corpus {
        Corpus { rng: fastrand::Rng::with_seed(seed) }
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.rng.usize(..list.len())]
    }

    /// One message: mostly one short line, sometimes two joined, 1 in 50 a
    /// long message of many lines; about 1 in 100 risky.
    pub fn message(&mut self) -> String {
        let dutch = self.rng.bool();
        let (benign, risky) = if dutch { (BENIGN_NL, RISKY_NL) } else { (BENIGN_EN, RISKY_EN) };
        let mut text =
            if self.rng.u32(..100) == 0 { self.pick(risky).to_string() } else { self.pick(benign).to_string() };
        let roll = self.rng.u32(..100);
        if roll < 15 {
            text.push(' ');
            text.push_str(self.pick(benign));
        } else if roll < 17 {
            let lines = self.rng.usize(8..40);
            for _ in 0..lines {
                text.push_str(". ");
                text.push_str(self.pick(benign));
            }
        }
        if self.rng.u32(..100) < 20 {
            text.push(' ');
            text.push_str(self.pick(EMOJI));
        }
        if self.rng.u32(..100) < 10 {
            text = text.to_uppercase();
        }
        text
    }

    /// `n` messages.
    pub fn messages(&mut self, n: usize) -> Vec<String> {
        (0..n).map(|_| self.message()).collect()
    }
}

/// A message of about `bytes` bytes of accented letters, each carrying a
/// run of combining marks: the worst case for folding.
pub fn combining_heavy(bytes: usize) -> String {
    let unit = "e\u{0301}\u{0308}\u{0323}\u{0330} n\u{0303}i\u{0301} ";
    unit.repeat(bytes / unit.len() + 1)
}
