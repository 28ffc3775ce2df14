//! Which position to suggest for her next session.
//!
//! The brochure asks to vary positions (on the back, on the side, sitting, standing). The app
//! suggests the next one in the programme's order after the one she used last; she may pick any.

use crate::programme::Programme;

/// The position after `last` in the programme's rotation; the first one when there is no history
/// or the last one is no longer in the programme.
pub fn suggested_position<'a>(programme: &'a Programme, last: Option<&str>) -> &'a str {
    let positions = &programme.positions;
    let next = last
        .and_then(|last| positions.iter().position(|p| p == last))
        .map_or(0, |index| (index + 1) % positions.len());
    positions.get(next).map_or("back", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_walks_the_programme_positions_and_wraps() {
        let programme = crate::programme::brochure();
        assert_eq!(suggested_position(&programme, None), "back");
        assert_eq!(suggested_position(&programme, Some("back")), "side");
        assert_eq!(suggested_position(&programme, Some("sitting")), "standing");
        assert_eq!(suggested_position(&programme, Some("standing")), "back");
        assert_eq!(suggested_position(&programme, Some("kneeling")), "back");
    }
}
