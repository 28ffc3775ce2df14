//! Her questionnaires: a response kept once per page-made id and never changed, read back per
//! questionnaire scoped to her, occasions closed by an answer or a "not now", carried by a
//! transfer and gone with her erasure.

use super::{at, created, ok};
use crate::{SkippedOccasion, Store, StoreError, StoredResponse, Written};
use jiff::civil::date;
use uuid::Uuid;

fn response(id: u128, occasion: Option<u32>, when: &str, score: Option<i64>) -> StoredResponse {
    StoredResponse {
        id: Uuid::from_u128(id),
        questionnaire: "sandvik".into(),
        occasion,
        authored_at: at(when),
        local_date: date(2026, 12, 6),
        score,
        response: format!(r#"{{"resourceType":"QuestionnaireResponse","n":{id}}}"#),
    }
}

pub async fn questionnaire_responses_are_kept_once_scoped_and_go_with_her(store: &impl Store) {
    let (mine, theirs) = (created(store, 1).await, created(store, 2).await);
    let received = at("2026-12-06T08:00:01Z");
    let first = response(1, Some(0), "2026-11-20T08:00:00Z", Some(6));
    let later = response(2, Some(42), "2027-01-01T08:00:00Z", Some(0));
    assert_eq!(
        ok(store
            .save_questionnaire_response(mine.id, &later, received)
            .await),
        Written::Created
    );
    assert_eq!(
        ok(store
            .save_questionnaire_response(mine.id, &first, received)
            .await),
        Written::Created
    );
    let changed = StoredResponse {
        score: Some(12),
        ..first.clone()
    };
    assert_eq!(
        ok(store
            .save_questionnaire_response(mine.id, &changed, received)
            .await),
        Written::AlreadyThere,
        "a form sent twice is kept once, unchanged"
    );
    let attempt = store
        .save_questionnaire_response(theirs.id, &first, received)
        .await;
    assert!(matches!(attempt, Err(StoreError::IdTaken)), "{attempt:?}");
    let other = StoredResponse {
        questionnaire: "iciq".into(),
        ..response(3, None, "2026-12-01T08:00:00Z", Some(15))
    };
    ok(store
        .save_questionnaire_response(mine.id, &other, received)
        .await);
    ok(store
        .save_questionnaire_response(
            theirs.id,
            &response(4, Some(0), "2026-12-01T08:00:00Z", Some(1)),
            received,
        )
        .await);

    assert_eq!(
        ok(store.questionnaire_responses(mine.id, "sandvik").await),
        [first.clone(), later.clone()],
        "oldest first, one questionnaire, hers only"
    );
    assert_eq!(
        ok(store.questionnaire_responses(mine.id, "iciq").await),
        [other]
    );

    let not_now = SkippedOccasion {
        questionnaire: "sandvik".into(),
        occasion: 91,
        at: at("2027-02-20T08:00:00Z"),
    };
    ok(store.skip_questionnaire_occasion(mine.id, &not_now).await);
    ok(store.skip_questionnaire_occasion(mine.id, &not_now).await);
    assert_eq!(
        ok(store
            .closed_questionnaire_occasions(mine.id, "sandvik")
            .await),
        [0, 42, 91]
    );
    assert_eq!(
        ok(store
            .closed_questionnaire_occasions(theirs.id, "sandvik")
            .await),
        [0]
    );
    assert_eq!(
        ok(store.closed_questionnaire_occasions(mine.id, "iciq").await),
        Vec::<u32>::new(),
        "answered of her own accord closes no occasion"
    );

    let dump = ok(store.export_profile(mine.id).await).unwrap_or_else(|| panic!("no profile"));
    assert_eq!(dump.questionnaires.responses.len(), 3);
    assert_eq!(dump.questionnaires.skipped, [not_now]);
    assert!(ok(store.erase_profile(mine.id).await));
    let rows = ok(store.rows_of_profile(mine.id).await);
    assert_eq!(rows.get("questionnaire_responses"), Some(&0));
    assert_eq!(rows.get("questionnaire_skips"), Some(&0));
    assert_eq!(
        ok(store.questionnaire_responses(theirs.id, "sandvik").await).len(),
        1
    );
    ok(store.import_profile(&dump).await);
    assert_eq!(
        ok(store.questionnaire_responses(mine.id, "sandvik").await),
        [first, later]
    );
    assert_eq!(
        ok(store
            .closed_questionnaire_occasions(mine.id, "sandvik")
            .await),
        [0, 42, 91]
    );
}
