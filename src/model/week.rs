//! ISO 8601 weeks: editions are kept one per week, named `2026-W27`.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// An ISO 8601 week, shown as `2026-W27`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct IsoWeek {
    year: i32,
    week: u32,
}

impl IsoWeek {
    /// The week `date` falls in.
    pub(crate) fn of(date: NaiveDate) -> Self {
        let w = date.iso_week();
        IsoWeek {
            year: w.year(),
            week: w.week(),
        }
    }

    /// The week `date` falls in, if its ISO year has four digits
    /// (1000-9999): an edition's folder is named by it and editions sort
    /// by name, so a week like `999-W01` or `+10000-W01` is refused.
    pub(crate) fn checked(date: NaiveDate) -> Result<Self, String> {
        let week = IsoWeek::of(date);
        if (1000..=9999).contains(&week.year) {
            Ok(week)
        } else {
            Err(format!(
                "{date} is in ISO year {}; editions are dated in the years 1000-9999 \
                 (check --date or the clock)",
                week.year
            ))
        }
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_bad_ones_are_refused() {
        let date = NaiveDate::from_ymd_opt(2026, 7, 2).unwrap();
        assert_eq!(IsoWeek::of(date).to_string(), "2026-W27");
        for (y, m, d) in [(999, 12, 1), (1, 1, 1), (10000, 1, 5), (-5, 3, 3)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert!(IsoWeek::checked(date).is_err(), "{date}");
        }
        let ok = NaiveDate::from_ymd_opt(1000, 1, 10).unwrap();
        assert_eq!(IsoWeek::checked(ok).unwrap().to_string(), "1000-W02");
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        assert_eq!(IsoWeek::checked(last).unwrap().to_string(), "9999-W52");
    }
}
