//! The questionnaires this deployment offers: the shipped Sandvik index and the files its config
//! names, read and validated once at start, so a wrong file stops the server (and `hangmat
//! check`) with a message that says what is wrong and where, never a mother's page.
//!
//! Core reads and scores a questionnaire ([`hangmat_core::questionnaire`]); this module only finds
//! the files and checks that every questionnaire the programme offers exists.

use crate::config::Config;
use anyhow::{Context, bail};
use hangmat_core::Programme;
use hangmat_core::questionnaire::Questionnaire;
use std::path::Path;
use std::sync::Arc;

/// The Sandvik severity index, worded by us (programme/questionnaires/sandvik.json).
pub const SANDVIK: &str = include_str!("../../../programme/questionnaires/sandvik.json");
/// Its id, the one the programme file names and the portal's list shows.
pub const SANDVIK_ID: &str = "sandvik";

/// The deployment's questionnaires, by id.
#[derive(Debug, Clone, Default)]
pub struct Questionnaires(Vec<Arc<Questionnaire>>);

impl Questionnaires {
    /// The shipped ones, then the files `config` names (relative to `config_path`'s folder), each
    /// in every language the deployment offers; fails on a wrong file, a repeated id, or an id
    /// the programme offers that none has.
    pub fn load(
        config: &Config,
        config_path: Option<&Path>,
        programme: &Programme,
    ) -> anyhow::Result<Self> {
        let languages = languages(config);
        let Self(mut found) = Self::shipped(config)?;
        for file in &config.questionnaires.files {
            let path = config_path
                .and_then(Path::parent)
                .map_or_else(|| file.clone(), |dir| dir.join(file));
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("questionnaires.files: cannot read {name}"))?;
            let questionnaire = Questionnaire::from_json(&text, &name, &languages)?;
            if found.iter().any(|q| q.id == questionnaire.id) {
                bail!(
                    "{name}: id {} is already used by another questionnaire",
                    questionnaire.id
                );
            }
            found.push(Arc::new(questionnaire));
        }
        let questionnaires = Self(found);
        for (index, offer) in programme.questionnaires.iter().enumerate() {
            if questionnaires.get(&offer.id).is_none() {
                bail!(
                    "programme: questionnaires[{index}].id: no questionnaire has the id \"{}\" (known: {})",
                    offer.id,
                    questionnaires.ids().join(", ")
                );
            }
        }
        Ok(questionnaires)
    }

    /// Only the questionnaires Hangmat ships, in the deployment's languages.
    pub fn shipped(config: &Config) -> anyhow::Result<Self> {
        Ok(Self(vec![Arc::new(Questionnaire::from_json(
            SANDVIK,
            "built-in questionnaire (programme/questionnaires/sandvik.json)",
            &languages(config),
        )?)]))
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Questionnaire>> {
        self.0.iter().find(|q| q.id == id)
    }

    pub fn ids(&self) -> Vec<String> {
        self.0.iter().map(|q| q.id.clone()).collect()
    }
}

fn languages(config: &Config) -> Vec<String> {
    config
        .deployment
        .languages
        .iter()
        .map(|lang| lang.code().to_owned())
        .collect()
}
