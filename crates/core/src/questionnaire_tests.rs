use super::*;

const SANDVIK: &str = include_str!("../../../programme/questionnaires/sandvik.json");

fn languages() -> Vec<String> {
    vec!["nl".into(), "fr".into(), "en".into()]
}

fn sandvik() -> Questionnaire {
    Questionnaire::from_json(SANDVIK, "sandvik.json", &languages())
        .unwrap_or_else(|error| panic!("{error}"))
}

fn sent(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn score_of(pairs: &[(&str, &str)]) -> Option<i64> {
    let q = sandvik();
    let answers = q
        .check(&sent(pairs))
        .unwrap_or_else(|errors| panic!("{errors:?}"));
    q.score(&answers)
}

#[test]
fn sandvik_index_is_frequency_times_amount() {
    let cases = [
        ("less-than-monthly", "drops", 1),
        ("less-than-monthly", "more", 3),
        ("few-times-a-month", "small-splashes", 4),
        ("few-times-a-week", "small-splashes", 6),
        ("few-times-a-week", "more", 9),
        ("every-day-or-night", "small-splashes", 8),
        ("every-day-or-night", "more", 12),
    ];
    for (frequency, amount, expected) in cases {
        assert_eq!(
            score_of(&[("frequency", frequency), ("amount", amount)]),
            Some(expected),
            "{frequency} x {amount}"
        );
    }
}

#[test]
fn a_mother_who_does_not_leak_scores_zero_without_the_amount_question() {
    assert_eq!(score_of(&[("frequency", "none")]), Some(0));
    let q = sandvik();
    assert_eq!(q.band(0), None, "zero is in none of Sandvik's bands");
}

#[test]
fn sandvik_bands_are_the_published_ones() {
    let q = sandvik();
    let band = |score| q.band(score).map(|band| band.code.as_str());
    assert_eq!(band(1), Some("slight"));
    assert_eq!(band(2), Some("slight"));
    assert_eq!(band(3), Some("moderate"));
    assert_eq!(band(6), Some("moderate"));
    assert_eq!(band(8), Some("severe"));
    assert_eq!(band(9), Some("severe"));
    assert_eq!(band(12), Some("very-severe"));
    assert_eq!(
        q.band(12).map(|band| band.label.get("nl")),
        Some("zeer ernstig")
    );
}

#[test]
fn sandvik_texts_exist_in_every_language_and_say_the_wording_is_ours() {
    let q = sandvik();
    for language in languages() {
        assert!(!q.title.get(&language).is_empty());
        let wording = q.wording.as_ref().map(|w| w.get(&language)).unwrap_or("");
        assert!(wording.contains("Sandvik"), "{language}: {wording}");
    }
    assert_eq!(q.items[0].text.get("nl"), "Hoe vaak verlies je urine?");
    assert_eq!(
        q.items[0].text.get("fr"),
        "À quelle fréquence avez-vous des fuites d'urine ?"
    );
}

#[test]
fn answers_are_refused_with_the_reason_per_item() {
    let q = sandvik();
    let refused = |pairs: &[(&str, &str)]| q.check(&sent(pairs)).err().unwrap_or_default();
    assert_eq!(
        refused(&[("frequency", "sometimes"), ("amount", "drops")]),
        BTreeMap::from([("frequency".to_owned(), AnswerError::NotAnOption)]),
        "a later item is not called inapplicable while the one it depends on is wrong"
    );
    assert_eq!(
        refused(&[("frequency", "few-times-a-week")]),
        BTreeMap::from([("amount".to_owned(), AnswerError::Missing)])
    );
    assert_eq!(
        refused(&[("amount", "drops")]),
        BTreeMap::from([("frequency".to_owned(), AnswerError::Missing)])
    );
    assert_eq!(
        refused(&[("frequency", "none"), ("amount", "more")]),
        BTreeMap::from([("amount".to_owned(), AnswerError::NotEnabled)])
    );
    assert_eq!(
        refused(&[("frequency", "few-times-a-week"), ("amount", "buckets")]),
        BTreeMap::from([("amount".to_owned(), AnswerError::NotAnOption)])
    );
}

#[test]
fn a_response_is_a_questionnaire_response_that_reads_back() {
    let q = sandvik();
    let answers = q
        .check(&sent(&[
            ("frequency", "few-times-a-week"),
            ("amount", "drops"),
            ("csrf", "ignored"),
        ]))
        .unwrap_or_default();
    let response = q.response(&answers, "2026-12-06T08:00:00Z", "nl");
    assert_eq!(response["resourceType"], "QuestionnaireResponse");
    assert_eq!(
        response["questionnaire"],
        "https://hangmat.example/fhir/Questionnaire/sandvik|1"
    );
    assert_eq!(response["status"], "completed");
    assert_eq!(response["item"][0]["linkId"], "frequency");
    assert_eq!(
        response["item"][0]["answer"][0]["valueCoding"]["code"],
        "few-times-a-week"
    );
    assert_eq!(
        response["item"][1]["answer"][0]["valueCoding"]["display"],
        "Een paar druppels"
    );
    assert_eq!(q.answers_from_response(&response), answers);
    assert_eq!(q.score(&q.answers_from_response(&response)), Some(3));
}

/// A small questionnaire of every supported kind, with `extra` spliced into its second item.
fn every_kind(extra: &str, operator: &str) -> String {
    let t = |text: &str| {
        format!(
            r#"{{"extension":[{{"url":"{TRANSLATION}","extension":[{{"url":"lang","valueCode":"en"}},{{"url":"content","valueString":"{text}"}}]}}]}}"#
        )
    };
    format!(
        r#"{{"resourceType":"Questionnaire","id":"test","url":"urn:test","status":"active",
        "_title":{title},
        "extension":[{{"url":"{SCORE_EXTENSION}","extension":[{{"url":"rule","valueCode":"sum"}},
          {{"url":"item","valueString":"pads"}},{{"url":"item","valueString":"wet"}},
          {{"url":"min","valueInteger":0}},{{"url":"max","valueInteger":11}}]}}],
        "item":[
         {{"linkId":"intro","type":"display","_text":{intro}}},
         {{"linkId":"wet","type":"boolean","required":true,"_text":{wet}{extra}}},
         {{"linkId":"pads","type":"integer","_text":{pads},
           "extension":[{{"url":"{MIN_VALUE}","valueInteger":0}},{{"url":"{MAX_VALUE}","valueInteger":10}}],
           "enableWhen":[{{"question":"wet","operator":"{operator}","answerBoolean":true}}]}},
         {{"linkId":"many","type":"boolean","_text":{many},
           "enableWhen":[{{"question":"pads","operator":">=","answerInteger":5}},
                         {{"question":"pads","operator":"exists","answerBoolean":false}}],
           "enableBehavior":"any"}}
        ]}}"#,
        title = t("Test"),
        intro = t("Hello"),
        wet = t("Wet?"),
        pads = t("Pads a day"),
        many = t("Many?"),
    )
}

fn english() -> Vec<String> {
    vec!["en".into()]
}

#[test]
fn integers_booleans_and_enable_when_operators_are_checked() {
    let q = Questionnaire::from_json(&every_kind("", "="), "t.json", &english())
        .unwrap_or_else(|error| panic!("{error}"));
    let check = |pairs: &[(&str, &str)]| q.check(&sent(pairs));
    let sum = |pairs: &[(&str, &str)]| check(pairs).ok().and_then(|a| q.score(&a));
    assert_eq!(sum(&[("wet", "true"), ("pads", "4")]), Some(5));
    assert_eq!(sum(&[("wet", "false")]), Some(0));
    assert_eq!(
        check(&[("wet", "true"), ("pads", "11")]).err(),
        Some(BTreeMap::from([("pads".into(), AnswerError::TooLarge)]))
    );
    assert_eq!(
        check(&[("wet", "true"), ("pads", "-1")]).err(),
        Some(BTreeMap::from([("pads".into(), AnswerError::TooSmall)]))
    );
    assert_eq!(
        check(&[("wet", "true"), ("pads", "two")]).err(),
        Some(BTreeMap::from([("pads".into(), AnswerError::NotANumber)]))
    );
    assert_eq!(
        check(&[("wet", "maybe")]).err(),
        Some(BTreeMap::from([("wet".into(), AnswerError::NotYesOrNo)]))
    );
    assert_eq!(
        check(&[("wet", "false"), ("pads", "3")]).err(),
        Some(BTreeMap::from([("pads".into(), AnswerError::NotEnabled)]))
    );
    // enableBehavior any: ">= 5" or "pads not answered".
    assert!(check(&[("wet", "true"), ("pads", "5"), ("many", "true")]).is_ok());
    assert!(check(&[("wet", "false"), ("many", "true")]).is_ok());
    assert_eq!(
        check(&[("wet", "true"), ("pads", "4"), ("many", "true")]).err(),
        Some(BTreeMap::from([("many".into(), AnswerError::NotEnabled)]))
    );
}

#[test]
fn every_operator_compares_as_fhir_says() {
    let cases = [
        ("!=", "false", true),
        ("!=", "true", false),
        ("=", "true", true),
        ("=", "false", false),
    ];
    for (operator, wet, enabled) in cases {
        let q = Questionnaire::from_json(&every_kind("", operator), "t.json", &english())
            .unwrap_or_else(|error| panic!("{error}"));
        let answers = q.check(&sent(&[("wet", wet)])).unwrap_or_default();
        let pads = &q.items[2];
        assert_eq!(q.enabled(pads, &answers), enabled, "{operator} {wet}");
    }
    let q = Questionnaire::from_json(&every_kind("", "="), "t.json", &english())
        .unwrap_or_else(|error| panic!("{error}"));
    let many = &q.items[3];
    for (pads, enabled) in [(4, false), (5, true), (6, true)] {
        let answers = Answers(BTreeMap::from([
            ("wet".into(), Answer::Boolean(true)),
            ("pads".into(), Answer::Integer(pads)),
        ]));
        assert_eq!(q.enabled(many, &answers), enabled, ">= 5 with {pads}");
    }
}

#[test]
fn a_wrong_file_is_refused_naming_the_file_and_the_item() {
    let wrong = |text: &str, languages: &[String]| {
        Questionnaire::from_json(text, "deployment/iciq.json", languages)
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default()
    };
    let fine = every_kind("", "=");
    let cases: Vec<(String, Vec<String>, &str)> = vec![
        (
            "{".into(),
            english(),
            "deployment/iciq.json: not a FHIR R4 Questionnaire in JSON",
        ),
        (
            fine.replace("\"Questionnaire\"", "\"Patient\""),
            english(),
            "resourceType is Patient",
        ),
        (
            fine.clone(),
            languages(),
            "deployment/iciq.json: title: no text in nl",
        ),
        (
            fine.replace(
                "\"type\":\"boolean\",\"required\"",
                "\"type\":\"date\",\"required\"",
            ),
            english(),
            "deployment/iciq.json: item wet: type date is not supported",
        ),
        (
            fine.replace("\"operator\":\">=\"", "\"operator\":\"~\""),
            english(),
            "item many: enableWhen on pads: operator ~ is not supported",
        ),
        (
            fine.replace("\"question\":\"wet\"", "\"question\":\"later\""),
            english(),
            "item pads: enableWhen on later: no earlier item has that linkId",
        ),
        (
            every_kind(",\"repeats\":true", "="),
            english(),
            "item wet: repeating items are not supported",
        ),
        (
            fine.replace(
                "{\"url\":\"item\",\"valueString\":\"wet\"}",
                "{\"url\":\"item\",\"valueString\":\"nope\"}",
            ),
            english(),
            "scoring: item nope is not in the questionnaire",
        ),
        (
            fine.replace("\"valueCode\":\"sum\"", "\"valueCode\":\"mean\""),
            english(),
            "scoring: rule must be sum or product",
        ),
        (
            fine.replace("\"linkId\":\"pads\"", "\"linkId\":\"wet\""),
            english(),
            "item wet: linkId is used twice",
        ),
        (
            fine.replace(
                &format!("{{\"url\":\"{MIN_VALUE}\",\"valueInteger\":0}}"),
                &format!("{{\"url\":\"{MIN_VALUE}\",\"valueInteger\":20}}"),
            ),
            english(),
            "item pads: minValue 20 is above maxValue 10",
        ),
    ];
    for (text, languages, expected) in cases {
        let message = wrong(&text, &languages);
        assert!(
            message.contains(expected),
            "{expected:?} not in {message:?}"
        );
    }
}

#[test]
fn sandvik_with_a_missing_translation_or_a_bad_ordinal_is_refused() {
    let without_french = SANDVIK.replacen("\"valueCode\": \"fr\"", "\"valueCode\": \"de\"", 1);
    let message = Questionnaire::from_json(&without_french, "s.json", &languages())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(message, "s.json: title: no text in fr");
    let bad_ordinal = SANDVIK.replacen("\"valueDecimal\": 1", "\"valueDecimal\": 1.5", 1);
    let message = Questionnaire::from_json(&bad_ordinal, "s.json", &languages())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert_eq!(
        message,
        "s.json: item frequency: answerOption 2: its ordinalValue must be a whole number"
    );
    let overlapping = SANDVIK.replacen("\"valueInteger\": 3", "\"valueInteger\": 2", 1);
    let message = Questionnaire::from_json(&overlapping, "s.json", &languages())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(message.contains("overlaps"), "{message}");
}
