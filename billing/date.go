package billing

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// parseDate reads a YYYY-MM-DD civil date as midnight UTC.
func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(carepath.DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
	}
	return t, nil
}

// mustDate is parseDate for dates already validated; an unreadable date is the zero time.
func mustDate(s string) time.Time { t, _ := parseDate(s); return t }

// dateString formats t as YYYY-MM-DD.
func dateString(t time.Time) string { return t.Format(carepath.DateLayout) }

// addDays returns the date n days after s (before, when n < 0).
func addDays(s string, n int) string { return dateString(mustDate(s).AddDate(0, 0, n)) }

// daysBetween is the number of days from a to b (negative when b is earlier).
func daysBetween(a, b string) int { return int(mustDate(b).Sub(mustDate(a)).Hours() / 24) }

// isoWeek names the ISO week of a date, e.g. "2026-W07", the week carepath's dose figures use.
func isoWeek(s string) string {
	y, w := mustDate(s).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// formatMinutes writes minutes as "2 h 30 min", "3 h" or "45 min".
func formatMinutes(m int) string {
	switch h, r := m/60, m%60; {
	case h == 0:
		return fmt.Sprintf("%d min", r)
	case r == 0:
		return fmt.Sprintf("%d h", h)
	default:
		return fmt.Sprintf("%d h %d min", h, r)
	}
}

// byDateThenID orders charges by date, then id.
func byDateThenID(a, b Charge) int {
	return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.ID, b.ID))
}
