//! Languages and translations: every user-facing string comes from a Fluent file in `locales/`.
//!
//! The files are embedded at compile time. Dutch (Flemish usage) is the default; French and English
//! are complete, and a test keeps it so: every language has the same message ids, and every id a
//! template or handler uses exists. A missing message is a failing test, never a silent fallback.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "nl",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language Hangmat speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nl,
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nl, Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Her language's own name, for the language switch.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }

    pub fn parse(text: &str) -> Option<Lang> {
        Self::ALL.into_iter().find(|lang| lang.code() == text)
    }

    fn identifier(self) -> LanguageIdentifier {
        match self {
            Lang::Nl => unic_langid::langid!("nl"),
            Lang::Fr => unic_langid::langid!("fr"),
            Lang::En => unic_langid::langid!("en"),
        }
    }

    /// The best offered language for an `Accept-Language` header, by its q-values.
    pub fn from_accept_language(header: &str, offered: &[Lang]) -> Option<Lang> {
        let mut choices: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(order, item)| {
                let mut pieces = item.trim().split(';');
                let tag = pieces.next()?.trim().to_ascii_lowercase();
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                let primary = tag.split('-').next()?;
                let lang = Lang::parse(primary).filter(|l| offered.contains(l))?;
                (quality > 0.0).then_some((quality, order, lang))
            })
            .collect();
        choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        choices.first().map(|choice| choice.2)
    }
}

/// A number a message can count with (templates pass references, handlers pass values).
pub trait Count {
    fn as_count(&self) -> f64;
}

macro_rules! count_from {
    ($($kind:ty),*) => {
        $(impl Count for $kind {
            fn as_count(&self) -> f64 {
                *self as f64
            }
        })*
    };
}

count_from!(u32, u64, i64, i32, i8, usize, f64);

impl<T: Count + ?Sized> Count for &T {
    fn as_count(&self) -> f64 {
        (**self).as_count()
    }
}

/// Translates into one language; templates call it as `t`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    /// A message without arguments.
    pub fn get(&self, id: &str) -> String {
        self.lookup(id, None)
    }

    /// A message with one numeric argument (plural forms select on it).
    pub fn num(&self, id: &str, name: &str, value: impl Count) -> String {
        let mut args = HashMap::new();
        args.insert(
            Cow::Owned(name.to_owned()),
            FluentValue::from(value.as_count()),
        );
        self.lookup(id, Some(&args))
    }

    /// A message with one text argument.
    pub fn text(&self, id: &str, name: &str, value: &str) -> String {
        let mut args = HashMap::new();
        args.insert(
            Cow::Owned(name.to_owned()),
            FluentValue::from(value.to_owned()),
        );
        self.lookup(id, Some(&args))
    }

    /// A message with several arguments.
    pub fn args(&self, id: &str, values: &[(&str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = values
            .iter()
            .map(|(name, value)| (Cow::Owned((*name).to_owned()), value.clone()))
            .collect();
        self.lookup(id, Some(&args))
    }

    /// A number with `digits` decimals as her language writes it: a decimal comma in Dutch and
    /// French ("0,3"), a point in English. Trailing zeros stay, so a column of figures lines up.
    pub fn decimal(&self, value: f64, digits: usize) -> String {
        let text = format!("{value:.digits$}");
        match self.lang {
            Lang::Nl | Lang::Fr => text.replace('.', ","),
            Lang::En => text,
        }
    }

    fn lookup(
        &self,
        id: &str,
        args: Option<&HashMap<Cow<'static, str>, FluentValue<'static>>>,
    ) -> String {
        let lang = self.lang.identifier();
        let found = match args {
            None => LOCALES.try_lookup(&lang, id),
            Some(args) => LOCALES.try_lookup_with_args(&lang, id, args),
        };
        // A missing id shows as itself, so the translation tests can find it; never as Dutch.
        found.unwrap_or_else(|| id.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_take_a_comma_in_dutch_and_french_and_a_point_in_english() {
        assert_eq!(Tr::new(Lang::Nl).decimal(0.333, 1), "0,3");
        assert_eq!(Tr::new(Lang::Fr).decimal(2.0, 1), "2,0");
        assert_eq!(Tr::new(Lang::En).decimal(0.25, 2), "0.25");
    }

    #[test]
    fn accept_language_picks_the_best_offered_language() {
        let all = Lang::ALL;
        assert_eq!(
            Lang::from_accept_language("fr-BE,fr;q=0.9,nl;q=0.8", &all),
            Some(Lang::Fr)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,en;q=0.5,nl;q=0.7", &all),
            Some(Lang::Nl)
        );
        assert_eq!(Lang::from_accept_language("de-DE,es", &all), None);
        assert_eq!(
            Lang::from_accept_language("en;q=0, fr;q=0.1", &all),
            Some(Lang::Fr)
        );
        assert_eq!(
            Lang::from_accept_language("fr", &[Lang::Nl, Lang::En]),
            None
        );
    }
}
