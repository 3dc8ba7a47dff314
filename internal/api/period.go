package api

import (
	"strings"

	"github.com/carepath/carepath/delivery"
)

// A period's bounds (from, to) and a week parameter take either a date (YYYY-MM-DD) or an ISO
// week (YYYY-Www) on every endpoint. The helpers below turn the form a client sent into the
// form the service reads; a value in neither form is passed on unchanged, for the service to
// refuse by name (or, for sessions, to read as an RFC 3339 time).

// isWeek reports whether s is written as an ISO week rather than a date.
func isWeek(s string) bool { return strings.Contains(s, "-W") }

// weekParam returns s as an ISO week: a week as it is, a date as the week that holds it.
func weekParam(field, s string) (string, error) {
	if s == "" || isWeek(s) {
		return s, nil
	}
	d, err := delivery.ParseDate(field, s)
	if err != nil {
		return "", invalidQuery(field, "Use a date (YYYY-MM-DD) or an ISO week (YYYY-Www), e.g. 2026-12-01 or 2026-W49.")
	}
	return delivery.WeekOfDate(d).String(), nil
}

// startParam returns the first day of a period that starts at s: a date as it is, a week as
// its Monday.
func startParam(field, s string) (string, error) {
	if !isWeek(s) {
		return s, nil
	}
	w, err := delivery.ParseISOWeek(field, s)
	if err != nil {
		return "", err
	}
	return w.Monday().String(), nil
}

// endParam returns the exclusive end of a period that ends at s: a date as it is (the day
// after the period), a week as the Monday after it, so that the whole week is included.
func endParam(field, s string) (string, error) {
	if !isWeek(s) {
		return s, nil
	}
	w, err := delivery.ParseISOWeek(field, s)
	if err != nil {
		return "", err
	}
	return w.Monday().AddDays(7).String(), nil
}
