//! Listen mode's data on the session page: core's cue timeline handed to the player as is, and a
//! recorded clip served for every word a track can say, in every language.

use crate::harness::app;
use crate::mother::script_of;
use axum::http::StatusCode;
use hangmat_core::track::{TRACK_SAMPLE_RATE, Word};

#[tokio::test]
async fn the_session_page_offers_listening_and_carries_the_track_of_her_script() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let page = app.get("/session", Some(&cookie)).await;
    assert!(page.contains("id=\"listen\""), "the Listen choice");
    let script = script_of(&page.body);
    let track = &script["track"];
    assert_eq!(track["sample_rate"], TRACK_SAMPLE_RATE);
    let cues = track["cues"].as_array().cloned().unwrap_or_default();
    // Brochure, hold 3: 2 parts x 5 get-ready counts, 10 x (3 + 6) and 10 x (3 + 20) counts, the end.
    assert_eq!(cues.len(), 2 * 5 + 10 * (3 + 6) + 10 * (3 + 20) + 1);
    let last = cues.last().cloned().unwrap_or_default();
    assert_eq!(last["kind"], "end");
    assert_eq!(last["at_ms"], script["total_ms"]);
    assert_eq!(
        track["total_frames"].as_u64(),
        script["total_ms"]
            .as_u64()
            .map(|ms| ms * u64::from(TRACK_SAMPLE_RATE) / 1000)
    );
    assert_eq!(script["listen"]["media_title"], "Oefenmoment");
}

#[tokio::test]
async fn every_word_a_track_can_say_is_served_in_every_language() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let page = app.get("/session", Some(&cookie)).await;
    let base = page
        .body
        .find("/static/")
        .and_then(|start| {
            let hash_end = page.body[start + "/static/".len()..].find('/')?;
            Some(&page.body[start..start + "/static/".len() + hash_end + 1])
        })
        .unwrap_or("/static/missing/");
    for lang in ["nl", "fr", "en"] {
        for word in Word::all() {
            let clip = app
                .get(&format!("{base}audio/{lang}/{}.mp3", word.clip()), None)
                .await;
            assert_eq!(clip.status, StatusCode::OK, "{lang}/{}.mp3", word.clip());
            assert_eq!(clip.header("content-type"), "audio/mpeg");
        }
    }
}
