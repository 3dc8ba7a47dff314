package delivery

import (
	"net/url"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// Group is a recurring group of a program: its type, facilitators, capacity, weekly
// recurrence with its exceptions, and where it meets (a room, or a meeting link for
// telehealth). Its roster is kept separately, dated.
type Group struct {
	ID             string
	Name           string
	Type           GroupType
	FacilitatorIDs []string
	Capacity       int // 0 takes the type's default cap (DefaultCaps), if it has one
	Series         Series
	Telehealth     bool
	Room           string // in person; empty while the room is to be arranged
	MeetingLink    string // telehealth: an https link
}

// Validate checks g. Field errors name name, type, facilitator_ids, capacity, room,
// meeting_link and the series' recurrence.* and exception fields.
func (g *Group) Validate() error {
	var errs carepath.FieldErrors
	g.Name = strings.TrimSpace(g.Name)
	if g.Name == "" {
		errs.Add("name", "required", "Please name the group.")
	} else if len(g.Name) > 100 {
		errs.Add("name", "too_long", "Please keep this under 100 characters.")
	}
	switch g.Type {
	case GroupProcess, GroupPsychoeducation, GroupSkills, GroupRelapsePrevention, GroupFamily:
	case "":
		errs.Add("type", "required", "Please choose the type of group.")
	default:
		errs.Add("type", "format", "A group is process, psychoeducation, skills, relapse_prevention or family.")
	}
	if len(g.FacilitatorIDs) == 0 {
		errs.Add("facilitator_ids", "required", "Please name at least one facilitator.")
	}
	if g.Capacity < 0 || g.Capacity > 100 {
		errs.Add("capacity", "range", "Capacity is between 1 and 100 clients (0 takes the default).")
	}
	if g.Telehealth {
		u, err := url.Parse(strings.TrimSpace(g.MeetingLink))
		if g.MeetingLink == "" {
			errs.Add("meeting_link", "required", "A telehealth group needs its meeting link.")
		} else if err != nil || u.Scheme != "https" || u.Host == "" {
			errs.Add("meeting_link", "format", "Please give the meeting link as an https:// address.")
		}
	} else {
		g.Room = strings.TrimSpace(g.Room) // empty: the room is still to be arranged
	}
	if err := g.Series.Validate(); err != nil {
		for _, f := range carepath.ErrorFields(err) {
			errs = append(errs, f)
		}
	}
	return errs.Err()
}

// DefaultCaps are the default maximum group sizes by type, used when a caller gives none. Only
// process groups have one: 9, since process groups work with fewer than 10 members; the others
// are uncapped by default.
var DefaultCaps = map[GroupType]int{GroupProcess: 9}

// Cap returns the group's capacity: its own, else its type's default (0 means uncapped).
func (g *Group) Cap() int {
	if g.Capacity > 0 {
		return g.Capacity
	}
	return DefaultCaps[g.Type]
}

// Sessions returns the group's concrete sessions starting in [from, to) in loc, each listing
// the clients on roster on its scheduled local date. A telehealth group's sessions have no
// room, so they never clash over one.
func (g *Group) Sessions(loc *time.Location, from, to time.Time, roster Roster) []Session {
	occ := g.Series.Occurrences(loc, from, to)
	out := make([]Session, len(occ))
	room := g.Room
	if g.Telehealth {
		room = ""
	}
	for i, o := range occ {
		out[i] = Session{ID: o.ID, Kind: KindGroup, GroupType: g.Type, Start: o.Start, Minutes: o.Minutes,
			ClinicianIDs: g.FacilitatorIDs, ClientIDs: roster.MembersOn(o.Date), Room: room}
	}
	return out
}
