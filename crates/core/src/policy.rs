//! Who may do what to which mother's data: the one place Hangmat's authorization is decided.
//!
//! Every route asks [`decide`] before it reads or changes anything, with what it knows about the
//! asker (nobody, a signed-in mother, a staff member) and about the mother concerned (which profile,
//! and whether the asking staff member holds an active link to her). The rules are pure and small so
//! they can be tested for every actor and every action, and so a reviewer reads them in one sitting:
//!
//! - A mother owns her data: she reads and changes it, shares it, exports it, erases it.
//! - Linking is hers: only she makes a link code; a physiotherapist enters it. Either side may end
//!   the link; nobody else can make one.
//! - A physiotherapist sees and works with a mother's data only through an active link; an ended or
//!   absent link is the same as a stranger. Every such read or change is audited.
//! - An admin manages staff accounts and sees no mother's data (least privilege: a practice whose
//!   admin is also a physiotherapist gives that person a second, physiotherapist account).
//! - Nobody (not signed in) may do nothing but sign in, which is no action here.

use uuid::Uuid;

/// A staff member's role. An account has exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StaffRole {
    /// Manages staff accounts: invites physiotherapists, ends accounts.
    Admin,
    /// Follows mothers who linked with her.
    Physiotherapist,
}

impl StaffRole {
    pub const ALL: [StaffRole; 2] = [StaffRole::Admin, StaffRole::Physiotherapist];

    /// The name kept in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Admin => "admin",
            StaffRole::Physiotherapist => "physiotherapist",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == text)
    }
}

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// Not signed in.
    Nobody,
    /// A signed-in mother, by her profile id.
    Mother(Uuid),
    /// A signed-in staff member (password and second factor, or a passkey).
    Staff(StaffRole),
}

/// The asking staff member's link to the mother concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// Linked now: she entered no end, neither did the physiotherapist.
    Active,
    /// Was linked; the link was ended by one of them.
    Ended,
    /// Never linked (or the link belongs to someone else).
    Absent,
}

impl LinkState {
    pub const ALL: [LinkState; 3] = [LinkState::Active, LinkState::Ended, LinkState::Absent];
}

/// What an action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// The deployment itself (staff accounts, entering a link code).
    Deployment,
    /// One mother's data. `staff_link` is the asking staff member's link to her; it is ignored for
    /// other actors.
    Mother {
        profile: Uuid,
        staff_link: LinkState,
    },
}

/// What the asker wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read her data: profile, hold, outcomes, taps, programme, physiotherapy sessions.
    ReadHerData,
    /// Change what she does herself: settings, her hold within the programme's range, a session
    /// outcome, a coordination tap, her recovery code, a passkey on her profile.
    ChangeHerOwnRecords,
    /// Set her programme beyond the brochure (reps, hold, rest, positions, exercise kinds).
    ChangeHerProgramme,
    /// Record one of the nine physiotherapy sessions.
    RecordPhysioSession,
    /// Make a link code, see who can see her data and who looked at it.
    ManageHerSharing,
    /// End a link between her and a physiotherapist.
    EndLink,
    /// Download all her data (GDPR access and portability).
    ExportHerData,
    /// Erase her profile and everything under it.
    EraseHerData,
    /// Enter a mother's link code to link with her.
    EnterLinkCode,
    /// Invite, list and end staff accounts.
    ManageStaff,
}

impl Action {
    pub const ALL: [Action; 10] = [
        Action::ReadHerData,
        Action::ChangeHerOwnRecords,
        Action::ChangeHerProgramme,
        Action::RecordPhysioSession,
        Action::ManageHerSharing,
        Action::EndLink,
        Action::ExportHerData,
        Action::EraseHerData,
        Action::EnterLinkCode,
        Action::ManageStaff,
    ];

    /// The name an audit entry keeps for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::ReadHerData => "read",
            Action::ChangeHerOwnRecords => "change-own",
            Action::ChangeHerProgramme => "change-programme",
            Action::RecordPhysioSession => "record-session",
            Action::ManageHerSharing => "manage-sharing",
            Action::EndLink => "end-link",
            Action::ExportHerData => "export",
            Action::EraseHerData => "erase",
            Action::EnterLinkCode => "link",
            Action::ManageStaff => "manage-staff",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.as_str() == text)
    }
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Sign in first (a page redirects to a sign-in page, an API answers 401).
    NotSignedIn,
    /// Signed in, but this is not yours to see or do. Routes answer 404 where the refusal would
    /// tell that a record exists (another mother's link), 403 elsewhere.
    NotYours,
}

/// The answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead. `audit` says the act must be written to the audit log (staff touching a
    /// mother's data), before the response is sent.
    Allow {
        audit: bool,
    },
    Refuse(Refusal),
}

impl Decision {
    pub fn is_allowed(self) -> bool {
        matches!(self, Decision::Allow { .. })
    }
}

/// Decides whether `actor` may do `action` about `about`.
pub fn decide(actor: Actor, action: Action, about: About) -> Decision {
    use Action::*;
    const ALLOW: Decision = Decision::Allow { audit: false };
    const AUDITED: Decision = Decision::Allow { audit: true };
    const NOT_YOURS: Decision = Decision::Refuse(Refusal::NotYours);
    match (actor, about) {
        (Actor::Nobody, _) => Decision::Refuse(Refusal::NotSignedIn),
        (Actor::Mother(me), About::Mother { profile, .. }) => {
            if me != profile {
                return NOT_YOURS;
            }
            match action {
                ReadHerData | ChangeHerOwnRecords | ManageHerSharing | EndLink | ExportHerData
                | EraseHerData => ALLOW,
                // The physiotherapist prescribes; the mother chooses only within the programme's
                // ranges (ChangeHerOwnRecords). Linking and staff are not hers to do.
                ChangeHerProgramme | RecordPhysioSession | EnterLinkCode | ManageStaff => NOT_YOURS,
            }
        }
        (Actor::Mother(_), About::Deployment) => NOT_YOURS,
        (Actor::Staff(StaffRole::Admin), About::Deployment) => match action {
            ManageStaff => ALLOW,
            _ => NOT_YOURS,
        },
        (Actor::Staff(StaffRole::Admin), About::Mother { .. }) => NOT_YOURS,
        (Actor::Staff(StaffRole::Physiotherapist), About::Deployment) => match action {
            EnterLinkCode => ALLOW,
            _ => NOT_YOURS,
        },
        (
            Actor::Staff(StaffRole::Physiotherapist),
            About::Mother {
                staff_link: LinkState::Active,
                ..
            },
        ) => match action {
            ReadHerData | ChangeHerProgramme | RecordPhysioSession | EndLink => AUDITED,
            // Her own records (what she did), her sharing, export and erasure are hers alone.
            ChangeHerOwnRecords | ManageHerSharing | ExportHerData | EraseHerData
            | EnterLinkCode | ManageStaff => NOT_YOURS,
        },
        (Actor::Staff(StaffRole::Physiotherapist), About::Mother { .. }) => NOT_YOURS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HER: Uuid = Uuid::from_bytes([1; 16]);
    const OTHER: Uuid = Uuid::from_bytes([2; 16]);

    fn about_her(link: LinkState) -> About {
        About::Mother {
            profile: HER,
            staff_link: link,
        }
    }

    /// Every actor the walk covers, with a name for failure messages.
    fn actors() -> Vec<(&'static str, Actor, LinkState)> {
        vec![
            ("nobody", Actor::Nobody, LinkState::Absent),
            ("her", Actor::Mother(HER), LinkState::Absent),
            ("another mother", Actor::Mother(OTHER), LinkState::Absent),
            (
                "linked physiotherapist",
                Actor::Staff(StaffRole::Physiotherapist),
                LinkState::Active,
            ),
            (
                "physiotherapist whose link ended",
                Actor::Staff(StaffRole::Physiotherapist),
                LinkState::Ended,
            ),
            (
                "unlinked physiotherapist",
                Actor::Staff(StaffRole::Physiotherapist),
                LinkState::Absent,
            ),
            (
                "admin (even with a link row)",
                Actor::Staff(StaffRole::Admin),
                LinkState::Active,
            ),
            ("admin", Actor::Staff(StaffRole::Admin), LinkState::Absent),
        ]
    }

    /// The expected answer for one mother's data, written as a table a reviewer can read:
    /// (actor, action) -> 'A' allowed, 'U' allowed and audited, 'S' sign in, '-' not yours.
    fn expected_about_her(actor: &str, action: Action) -> char {
        let row = match actor {
            //                                 Read Own Prog Sess Shar End Exp Era Link Staff
            "nobody" => "SSSSSSSSSS",
            "her" => "AA--AAAA--",
            "another mother" => "----------",
            "linked physiotherapist" => "U-UU-U----",
            "physiotherapist whose link ended" => "----------",
            "unlinked physiotherapist" => "----------",
            "admin (even with a link row)" => "----------",
            "admin" => "----------",
            other => panic!("no row for {other}"),
        };
        let index = Action::ALL.iter().position(|a| *a == action).unwrap_or(0);
        row.chars().nth(index).unwrap_or('?')
    }

    fn expected_about_deployment(actor: &str, action: Action) -> char {
        let row = match actor {
            "nobody" => "SSSSSSSSSS",
            "her" | "another mother" => "----------",
            "linked physiotherapist"
            | "physiotherapist whose link ended"
            | "unlinked physiotherapist" => "--------A-",
            "admin (even with a link row)" | "admin" => "---------A",
            other => panic!("no row for {other}"),
        };
        let index = Action::ALL.iter().position(|a| *a == action).unwrap_or(0);
        row.chars().nth(index).unwrap_or('?')
    }

    fn letter(decision: Decision) -> char {
        match decision {
            Decision::Allow { audit: false } => 'A',
            Decision::Allow { audit: true } => 'U',
            Decision::Refuse(Refusal::NotSignedIn) => 'S',
            Decision::Refuse(Refusal::NotYours) => '-',
        }
    }

    #[test]
    fn every_actor_and_action_about_one_mother_matches_the_table() {
        for (name, actor, link) in actors() {
            for action in Action::ALL {
                let got = letter(decide(actor, action, about_her(link)));
                assert_eq!(
                    got,
                    expected_about_her(name, action),
                    "{name} / {action:?} about her"
                );
            }
        }
    }

    #[test]
    fn every_actor_and_action_about_the_deployment_matches_the_table() {
        for (name, actor, _) in actors() {
            for action in Action::ALL {
                let got = letter(decide(actor, action, About::Deployment));
                assert_eq!(
                    got,
                    expected_about_deployment(name, action),
                    "{name} / {action:?} about the deployment"
                );
            }
        }
    }

    #[test]
    fn no_staff_member_reaches_a_mother_without_an_active_link() {
        for role in StaffRole::ALL {
            for link in [LinkState::Ended, LinkState::Absent] {
                for action in Action::ALL {
                    assert!(
                        !decide(Actor::Staff(role), action, about_her(link)).is_allowed(),
                        "{role:?} with {link:?} link may not {action:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_staff_act_on_a_mother_is_audited() {
        for role in StaffRole::ALL {
            for link in LinkState::ALL {
                for action in Action::ALL {
                    let decision = decide(Actor::Staff(role), action, about_her(link));
                    if decision.is_allowed() {
                        assert_eq!(decision, Decision::Allow { audit: true });
                    }
                }
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
        for role in StaffRole::ALL {
            assert_eq!(StaffRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(StaffRole::parse("root"), None);
    }
}
