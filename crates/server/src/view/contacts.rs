//! The deployment's contacts as pages show them (Today, the learning pages, help), and the HTML
//! blocks the learning pages embed. The state builds the learning library with these blocks, so
//! they live here, apart from any one page.

use crate::config::{BookingContact, Config, Directory, dial_digits};
use crate::i18n::{Lang, Tr};
use crate::library::Blocks;
use askama::Template;

/// A phone number as shown and as dialled.
pub struct Phone {
    pub text: String,
    pub href: String,
}

impl Phone {
    fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            href: dial_digits(text),
        }
    }
}

pub struct ContactView {
    pub name: String,
    pub phone: Option<Phone>,
    pub email: Option<String>,
    pub note: Option<String>,
}

pub struct DirectoryView {
    pub name: String,
    pub url: String,
}

/// The deployment's physiotherapy contacts in her language.
pub struct Contacts {
    pub booking: Vec<ContactView>,
    pub directories: Vec<DirectoryView>,
    pub questions_phone: Option<Phone>,
}

impl ContactView {
    fn of(contact: &BookingContact, lang: Lang) -> Self {
        Self {
            name: contact.name.get(&lang).cloned().unwrap_or_default(),
            phone: contact.phone.as_deref().map(Phone::new),
            email: contact.email.clone(),
            note: contact.note.get(&lang).cloned(),
        }
    }
}

/// Whom she calls when something is wrong: the emergency number, then the deployment's contacts
/// for what is no emergency (the maternity ward, her midwife).
pub struct HelpContacts {
    pub emergency: Phone,
    pub contacts: Vec<ContactView>,
}

impl HelpContacts {
    pub fn of(config: &Config, lang: Lang) -> Self {
        Self {
            emergency: Phone::new(&config.emergency.number),
            contacts: config
                .emergency
                .contacts
                .iter()
                .map(|c| ContactView::of(c, lang))
                .collect(),
        }
    }
}

impl Contacts {
    pub fn of(config: &Config, lang: Lang) -> Self {
        let physio = &config.physiotherapy;
        let pick =
            |text: &crate::config::LocalizedText| text.get(&lang).cloned().unwrap_or_default();
        Self {
            booking: physio
                .booking
                .iter()
                .map(|c| ContactView::of(c, lang))
                .collect(),
            directories: physio
                .directories
                .iter()
                .map(|d: &Directory| DirectoryView {
                    name: pick(&d.name),
                    url: d.url.clone(),
                })
                .collect(),
            questions_phone: physio.questions_phone.as_deref().map(Phone::new),
        }
    }
}

/// The HTML blocks learning pages embed: the deployment's contacts and the way into a session.
pub struct PageBlocks<'a> {
    pub config: &'a Config,
}

#[derive(Template)]
#[template(path = "shared/contacts.html")]
struct ContactsBlock {
    t: Tr,
    contacts: Contacts,
}

#[derive(Template)]
#[template(path = "shared/help_contacts.html")]
struct HelpContactsBlock {
    t: Tr,
    help: HelpContacts,
}

impl Blocks for PageBlocks<'_> {
    fn help_contacts(&self, lang: Lang) -> String {
        let block = HelpContactsBlock {
            t: Tr::new(lang),
            help: HelpContacts::of(self.config, lang),
        };
        block.render().unwrap_or_default()
    }

    fn contacts(&self, lang: Lang) -> String {
        let block = ContactsBlock {
            t: Tr::new(lang),
            contacts: Contacts::of(self.config, lang),
        };
        format!(
            "<div class=\"card stack contacts\">{}</div>",
            block.render().unwrap_or_default()
        )
    }

    fn session_button(&self, lang: Lang) -> String {
        format!(
            "<p><a class=\"button primary\" href=\"/session\">{}</a></p>",
            Tr::new(lang).get("learn-start-session")
        )
    }
}
