package billing

import (
	"time"
)

// Federal holidays are the eleven legal public holidays of 5 U.S.C. 6103: New Year's Day (Jan 1),
// Birthday of Martin Luther King, Jr. (third Monday of January), Washington's Birthday (third
// Monday of February), Memorial Day (last Monday of May), Juneteenth National Independence Day
// (June 19, from 2021), Independence Day (July 4), Labor Day (first Monday of September), Columbus
// Day (second Monday of October), Veterans Day (Nov 11), Thanksgiving Day (fourth Thursday of
// November) and Christmas Day (Dec 25). A fixed-date holiday on a Saturday is observed the Friday
// before; on a Sunday, the Monday after — so New Year's Day on a Saturday is observed on December 31
// of the year before.

// Holiday is an observed federal holiday.
type Holiday struct {
	Date string `json:"date"` // the observed date
	Name string `json:"name"`
}

// FederalHolidays returns the federal holidays observed in year, in date order. A New Year's Day
// of year+1 that falls on a Saturday is observed on December 31 of year and is included.
func FederalHolidays(year int) []Holiday {
	var out []Holiday
	add := func(t time.Time, name string) { out = append(out, Holiday{dateString(t), name}) }
	fixed := func(m time.Month, d int, name string) {
		if t := observed(date(year, m, d)); t.Year() == year {
			add(t, name)
		}
	}
	fixed(time.January, 1, "New Year's Day")
	add(nthWeekday(year, time.January, time.Monday, 3), "Birthday of Martin Luther King, Jr.")
	add(nthWeekday(year, time.February, time.Monday, 3), "Washington's Birthday")
	add(lastWeekday(year, time.May, time.Monday), "Memorial Day")
	if year >= 2021 {
		fixed(time.June, 19, "Juneteenth National Independence Day")
	}
	fixed(time.July, 4, "Independence Day")
	add(nthWeekday(year, time.September, time.Monday, 1), "Labor Day")
	add(nthWeekday(year, time.October, time.Monday, 2), "Columbus Day")
	fixed(time.November, 11, "Veterans Day")
	add(nthWeekday(year, time.November, time.Thursday, 4), "Thanksgiving Day")
	fixed(time.December, 25, "Christmas Day")
	if t := observed(date(year+1, time.January, 1)); t.Year() == year {
		add(t, "New Year's Day")
	}
	return out
}

// IsBusinessDay reports whether the YYYY-MM-DD date d is a weekday that is not an observed
// federal holiday.
func IsBusinessDay(d string) bool {
	t := mustDate(d)
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	for _, h := range FederalHolidays(t.Year()) {
		if h.Date == d {
			return false
		}
	}
	return true
}

// AddBusinessDays returns the business day n business days after d (before it when n < 0). With
// n = 0 it returns d itself when d is a business day, or the next business day.
func AddBusinessDays(d string, n int) string {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	if n == 0 {
		for !IsBusinessDay(d) {
			d = addDays(d, 1)
		}
		return d
	}
	for n > 0 {
		d = addDays(d, step)
		if IsBusinessDay(d) {
			n--
		}
	}
	return d
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// observed moves a Saturday holiday to Friday and a Sunday holiday to Monday.
func observed(t time.Time) time.Time {
	switch t.Weekday() {
	case time.Saturday:
		return t.AddDate(0, 0, -1)
	case time.Sunday:
		return t.AddDate(0, 0, 1)
	}
	return t
}

// nthWeekday is the n-th wd of month m.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) time.Time {
	t := date(y, m, 1)
	t = t.AddDate(0, 0, (int(wd)-int(t.Weekday())+7)%7)
	return t.AddDate(0, 0, 7*(n-1))
}

// lastWeekday is the last wd of month m.
func lastWeekday(y int, m time.Month, wd time.Weekday) time.Time {
	t := date(y, m+1, 1).AddDate(0, 0, -1)
	return t.AddDate(0, 0, -((int(t.Weekday()) - int(wd) + 7) % 7))
}
