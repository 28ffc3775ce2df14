//! The application state: what every handler may reach (store, programme, config, clock, keys).

use crate::clock::Clock;
use crate::config::Config;
use crate::http::assets::Assets;
use crate::library::Library;
use crate::random::Random;
use crate::secret_key::SecretKey;
use hangmat_core::Programme;
use hangmat_store::Store;
use std::sync::Arc;

/// What every handler may reach: the store, the programme, the deployment's config, the clock.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

#[derive(Clone)]
struct Inner {
    library: Library,
    store: Arc<dyn Store>,
    programme: Programme,
    config: Config,
    assets: Assets,
    clock: Arc<dyn Clock>,
    secret_key: SecretKey,
    random: Random,
    questionnaires: crate::questionnaires::Questionnaires,
}

impl AppState {
    /// Builds the state; fails when the learning pages do not render with this programme and
    /// config (a missing page, an unknown placeholder). `secret_key` seals staff TOTP secrets.
    pub fn new(
        store: Arc<dyn Store>,
        programme: Programme,
        config: Config,
        clock: Arc<dyn Clock>,
        secret_key: SecretKey,
    ) -> anyhow::Result<Self> {
        let assets = Assets::load();
        let blocks = crate::view::contacts::PageBlocks { config: &config };
        let library = Library::load(&programme, &config, assets.base(), &blocks)?;
        // The shipped questionnaires; `serve` adds the deployment's files (`with_questionnaires`).
        let questionnaires = crate::questionnaires::Questionnaires::shipped(&config)?;
        Ok(Self(Arc::new(Inner {
            library,
            store,
            programme,
            config,
            assets,
            clock,
            secret_key,
            random: Random::system(),
            questionnaires,
        })))
    }

    /// The deployment's key that seals and opens staff TOTP secrets.
    pub fn secret_key(&self) -> &SecretKey {
        &self.0.secret_key
    }

    pub fn library(&self) -> &Library {
        &self.0.library
    }

    pub fn store(&self) -> &dyn Store {
        self.0.store.as_ref()
    }

    pub fn programme(&self) -> &Programme {
        &self.0.programme
    }

    pub fn config(&self) -> &Config {
        &self.0.config
    }

    pub fn assets(&self) -> &Assets {
        &self.0.assets
    }

    pub fn now(&self) -> jiff::Timestamp {
        self.0.clock.now()
    }

    /// The one source of random values and new ids (see [`Random`]).
    pub fn random(&self) -> &Random {
        &self.0.random
    }

    /// The questionnaires the deployment offers.
    pub fn questionnaires(&self) -> &crate::questionnaires::Questionnaires {
        &self.0.questionnaires
    }

    /// The same state with the deployment's questionnaires (read from its config's files).
    pub fn with_questionnaires(
        self,
        questionnaires: crate::questionnaires::Questionnaires,
    ) -> Self {
        let inner = Arc::unwrap_or_clone(self.0);
        Self(Arc::new(Inner {
            questionnaires,
            ..inner
        }))
    }

    /// The same state drawing its random values from `random` (tests make them repeatable).
    pub fn with_random(self, random: Random) -> Self {
        let inner = Arc::unwrap_or_clone(self.0);
        Self(Arc::new(Inner { random, ..inner }))
    }
}
