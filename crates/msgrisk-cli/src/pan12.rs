//! The PAN 2012 sexual predator identification corpus: its XML, read one
//! conversation at a time, and its list of predator ids.
//!
//! ```xml
//! <conversations>
//!   <conversation id="0042...">
//!     <message line="1">
//!       <author>97964e7a9e8eb9cf78f2e4d7b2ff34c7</author>
//!       <time>03:20</time>
//!       <text>hey how r u</text>
//!     </message>
//!   </conversation>
//! </conversations>
//! ```
//!
//! Times are clock times (`HH:MM`); a time more than 12 hours earlier than
//! the one before is taken to be on the next day, so that a conversation
//! over midnight keeps moving forward. Entities (`&amp;`, `&#39;`) are
//! resolved; an unknown entity (`&nbsp;`) and a stray `&` are kept as
//! written rather than failing the whole file over one chat line. A
//! missing `<text>` is an empty message; a missing `<author>` an
//! unattributed one. The reader keeps one conversation in memory at a time.
//! What this module does not do: score (that is [`crate::conversations`]).

use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

use crate::conversations::{InputConversation, InputMessage};
use crate::timestamp;

const DAY: i64 = 86_400;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Author,
    Time,
    Text,
}

/// Reads conversations from PAN 2012 XML, one at a time.
pub(crate) struct Pan12Reader<R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
    name: String,
    done: bool,
}

impl<R: BufRead> Pan12Reader<R> {
    /// `name` labels the input in errors.
    pub(crate) fn new(input: R, name: &str) -> Self {
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.allow_dangling_amp = true;
        Pan12Reader { reader, buf: Vec::new(), name: name.to_string(), done: false }
    }

    fn error(&self, msg: impl std::fmt::Display) -> String {
        format!("{}: byte {}: {msg}", self.name, self.reader.error_position())
    }

    /// The next conversation, `None` at the end.
    fn read(&mut self) -> Result<Option<InputConversation>, String> {
        let mut conversation: Option<InputConversation> = None;
        let mut message: Option<InputMessage> = None;
        let mut field: Option<Field> = None;
        let mut value = String::new();
        let mut day = 0i64;
        let mut last_clock: Option<i64> = None;
        loop {
            self.buf.clear();
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(e) => e,
                Err(e) => {
                    let msg = e.to_string();
                    return Err(self.error(msg));
                }
            };
            match event {
                Event::Start(e) => match e.local_name().as_ref() {
                    "conversation" => {
                        let id = e
                            .try_get_attribute("id")
                            .ok()
                            .flatten()
                            .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
                            .unwrap_or_default();
                        conversation = Some(InputConversation::new(id));
                        day = 0;
                        last_clock = None;
                    }
                    "message" => message = Some(InputMessage::default()),
                    "author" if message.is_some() => field = Some(Field::Author),
                    "time" if message.is_some() => field = Some(Field::Time),
                    "text" if message.is_some() => field = Some(Field::Text),
                    _ => {}
                },
                Event::Text(t) if field.is_some() => value.push_str(&t.xml10_content()),
                Event::CData(t) if field.is_some() => value.push_str(&t.xml10_content()),
                Event::GeneralRef(r) if field.is_some() => match r.resolve_char_ref() {
                    Ok(Some(c)) => value.push(c),
                    _ => match &*r {
                        "amp" => value.push('&'),
                        "lt" => value.push('<'),
                        "gt" => value.push('>'),
                        "quot" => value.push('"'),
                        "apos" => value.push('\''),
                        other => {
                            value.push('&');
                            value.push_str(other);
                            value.push(';');
                        }
                    },
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "author" | "time" | "text" if field.is_some() => {
                        let m = message.as_mut().expect("fields only inside a message");
                        let v = std::mem::take(&mut value);
                        match field.take() {
                            Some(Field::Author) => {
                                let a = v.trim();
                                m.author = (!a.is_empty()).then(|| a.to_string());
                            }
                            Some(Field::Time) => {
                                let clock = timestamp::parse_str(&v).map_err(|e| self.error(e))?;
                                if let (Some(c), Some(last)) = (clock, last_clock) {
                                    if c + day < last - DAY / 2 {
                                        day += DAY;
                                    }
                                }
                                m.time = clock.map(|c| c + day);
                                if m.time.is_some() {
                                    last_clock = m.time;
                                }
                            }
                            Some(Field::Text) => m.text = v,
                            None => {}
                        }
                    }
                    "message" => {
                        if let (Some(c), Some(m)) = (conversation.as_mut(), message.take()) {
                            c.messages.push(m);
                        }
                    }
                    "conversation" => {
                        if let Some(c) = conversation.take() {
                            return Ok(Some(c));
                        }
                    }
                    _ => {}
                },
                Event::Eof => {
                    self.done = true;
                    if conversation.is_some() {
                        return Err(self.error("the file ends inside a <conversation>"));
                    }
                    return Ok(None);
                }
                _ => {}
            }
        }
    }
}

impl<R: BufRead> Iterator for Pan12Reader<R> {
    type Item = Result<InputConversation, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.read();
        if item.is_err() {
            self.done = true;
        }
        item.transpose()
    }
}

/// Reads a predator list: one author id per line; blank lines and lines
/// starting with `#` are skipped.
pub(crate) fn read_predators(path: &Path) -> Result<BTreeSet<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Result<Vec<InputConversation>, String> {
        Pan12Reader::new(xml.as_bytes(), "t.xml").collect()
    }

    #[test]
    fn reads_conversations_messages_and_entities() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<conversations>
  <conversation id="c1">
    <message line="1"><author>a1</author><time>23:50</time><text>you &amp; me &lt;3 it&#39;s &nbsp; ok & fine</text></message>
    <message line="2"><author>b2</author><time>00:10</time><text/></message>
    <message line="3"><author> </author><text><![CDATA[raw <b>]]></text></message>
  </conversation>
  <conversation id="c2"></conversation>
</conversations>"#;
        let cs = read(xml).unwrap();
        assert_eq!(cs.len(), 2);
        let m = &cs[0].messages;
        assert_eq!(cs[0].id, "c1");
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].text, "you & me <3 it's &nbsp; ok & fine");
        assert_eq!(m[0].author.as_deref(), Some("a1"));
        assert_eq!(m[0].time, Some(23 * 3600 + 50 * 60));
        // Past midnight: the next day.
        assert_eq!(m[1].time, Some(DAY + 600));
        assert_eq!(m[1].text, "");
        assert_eq!(m[2].author, None);
        assert_eq!(m[2].time, None);
        assert_eq!(m[2].text, "raw <b>");
        assert!(cs[1].messages.is_empty());
    }

    #[test]
    fn broken_xml_is_an_error_with_a_position() {
        let e = read("<conversations><conversation id=\"x\"><message>").unwrap_err();
        assert!(e.starts_with("t.xml: byte"), "{e}");
        let e = read("<conversations><conversation id=\"x\"></message>").unwrap_err();
        assert!(e.contains("t.xml"), "{e}");
    }
}
