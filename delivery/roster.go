package delivery

import (
	"slices"

	"github.com/carepath/carepath"
)

// Membership is one dated stay of a client on a group's roster: on the roster for every
// session dated From or later and before Until (a zero Until means still a member).
type Membership struct {
	ClientID string
	From     Date
	Until    Date // the first date the client is no longer on the roster
}

// On reports whether m covers the civil date d.
func (m Membership) On(d Date) bool {
	return !d.Before(m.From) && (m.Until.IsZero() || d.Before(m.Until))
}

// Roster is a group's membership history. Changes are dated, so adding or removing a client
// changes every later session and none before, without recreating anything.
type Roster []Membership

// Add puts client on the roster from the date from. It returns EINVALID naming client_id or
// from when either is missing, and ECONFLICT when the client is already on the roster on
// or after that date.
func (r *Roster) Add(clientID string, from Date) error {
	var errs carepath.FieldErrors
	if clientID == "" {
		errs.Add("client_id", "required", "Please choose the client to add.")
	}
	if from.IsZero() {
		errs.Add("from", "required", "Please give the date of the first session to attend.")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	for _, m := range *r {
		if m.ClientID == clientID && (m.Until.IsZero() || from.Before(m.Until)) {
			return carepath.Errorf(carepath.ECONFLICT, "The client is already on this group's roster from %s.", m.From)
		}
	}
	*r = append(*r, Membership{ClientID: clientID, From: from})
	return nil
}

// Remove takes client off the roster from the date from: sessions on that date and later no
// longer list them. It returns ENOTFOUND when the client is not on the roster then, and
// EINVALID naming from when from is before the client joined.
func (r Roster) Remove(clientID string, from Date) error {
	for i := range r {
		m := &r[i]
		if m.ClientID != clientID || (!m.Until.IsZero() && !from.Before(m.Until)) {
			continue
		}
		if from.Before(m.From) {
			var errs carepath.FieldErrors
			errs.Add("from", "range", "The client joined on %s; they cannot leave before that.", m.From)
			return errs.Err()
		}
		m.Until = from
		return nil
	}
	return carepath.Errorf(carepath.ENOTFOUND, "The client is not on this group's roster on %s.", from)
}

// MembersOn returns the ids of the clients on the roster on the civil date d, sorted.
func (r Roster) MembersOn(d Date) []string {
	var ids []string
	for _, m := range r {
		if m.On(d) && !slices.Contains(ids, m.ClientID) {
			ids = append(ids, m.ClientID)
		}
	}
	slices.Sort(ids)
	return ids
}

// MostFrom returns the most clients on the roster on any date from from on: the size a
// group's sessions will reach from then, which a capacity must hold.
func (r Roster) MostFrom(from Date) int {
	most := len(r.MembersOn(from))
	for _, m := range r {
		if m.From.After(from) {
			most = max(most, len(r.MembersOn(m.From)))
		}
	}
	return most
}
