package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/internal/ical"
)

// The window a calendar feed covers: the past two weeks and the next eight.
const (
	feedPast   = 14 * 24 * time.Hour
	feedFuture = 56 * 24 * time.Hour
)

// calendarFeedShow answers GET /calendar/{file}: the iCalendar feed whose secret token names the
// file ("<token>.ics"). An unknown or revoked token is a plain 404 that says nothing more.
// The feed is read as its owner: a staff member with their current role, or the client.
// A staff feed's titles hold no client names unless its owner opted in.
func (s *Server) calendarFeedShow(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || s.CalendarFeeds == nil || s.TherapySessions == nil {
		feedNotFound(w)
		return
	}
	remote := httpserver.RemoteAddr(r)
	feed, err := s.CalendarFeeds.OpenCalendarFeed(carepath.NewContext(r.Context(), carepath.Actor{Role: carepath.RolePublic, Remote: remote}), token)
	if err != nil {
		if httpserver.Status(err) != http.StatusNotFound {
			s.Log.Error("calendar feed open", "err", err)
			http.Error(w, "Internal error.", http.StatusInternalServerError)
			return
		}
		feedNotFound(w)
		return
	}
	ctx := carepath.NewContext(r.Context(), carepath.Actor{ID: feed.OwnerID, Role: feed.OwnerRole, Remote: remote})
	now := time.Now().UTC()
	f := carepath.OccurrenceFilter{From: now.Add(-feedPast).Format(time.RFC3339), To: now.Add(feedFuture).Format(time.RFC3339)}
	if feed.OwnerKind == carepath.FeedStaff {
		f.ClinicianID = feed.OwnerID
	} else {
		f.ClientID = feed.OwnerID
	}
	occs, err := s.TherapySessions.FindOccurrences(ctx, f)
	if err != nil {
		s.Log.Error("calendar feed sessions", "err", err, "code", carepath.ErrorCode(err))
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	cancelled, err := s.CalendarFeeds.CancelledOccurrences(ctx, now.Add(-feedPast), now.Add(feedFuture))
	if err != nil {
		s.Log.Error("calendar feed cancelled sessions", "err", err, "code", carepath.ErrorCode(err))
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	isCancelled := make(map[string]bool, len(cancelled))
	for _, o := range cancelled {
		isCancelled[o.ID] = true
	}
	occs = append(occs, cancelled...)
	slices.SortStableFunc(occs, func(a, b *carepath.Occurrence) int { return occurrenceStart(a).Compare(occurrenceStart(b)) })
	names := feedNamer{s: s, r: r.WithContext(ctx), staff: feed.OwnerKind == carepath.FeedStaff,
		show: feed.OwnerKind == carepath.FeedStaff && feed.ShowClientNames}
	cal := ical.Calendar{Name: "carepath sessions", Refresh: time.Hour}
	if feed.OwnerKind == carepath.FeedStaff {
		cal.Name = "carepath: my sessions"
	}
	for _, o := range occs {
		start := occurrenceStart(o)
		if start.IsZero() {
			continue
		}
		title, note := names.title(o)
		ev := ical.Event{UID: o.ID + "@carepath", Stamp: now, Start: start, End: start.Add(time.Duration(o.Minutes) * time.Minute),
			Summary: title, Cancelled: isCancelled[o.ID]}
		if o.Modality == "telehealth" {
			ev.Location, ev.URL = "Telehealth", o.MeetingLink
		} else {
			ev.Location = o.Room
		}
		switch {
		case ev.Cancelled:
			ev.Description, ev.Sequence = "This session is cancelled.", 1
		case o.Moved:
			ev.Description, ev.Sequence = "This session was moved from its usual time.", 1
		}
		if note != "" {
			ev.Description = strings.TrimSpace(ev.Description + "\n\n" + note)
		}
		cal.Events = append(cal.Events, ev)
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Disposition", `inline; filename="carepath.ics"`)
	if err := cal.Write(w); err != nil {
		s.Log.Error("calendar feed write", "err", err)
	}
}

// feedNotFound answers a feed URL that is not (or no longer) a feed.
func feedNotFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte("There is no calendar at this address.\n"))
}

// feedNamer writes event titles: the kind of session and, for groups, the group's name (its
// type in a client's feed); a client's name only when the staff owner opted in (and may see
// the client) and the disclosure gate allows the name to go to the calendar service: a
// 42 CFR Part 2 client's name only with their consent naming carepath.CalendarRecipient for
// operations, and then with the notice in the event's description.
type feedNamer struct {
	s       *Server
	r       *http.Request
	staff   bool // a staff owner, who may read the groups' names
	show    bool
	groups  map[string]string
	clients map[string]feedClient
}

// feedClient is what a feed may say of one client: their name ("" when withheld) and the note
// the event carries (the 42 CFR 2.32 notice, or why the name is withheld).
type feedClient struct {
	name, note string
}

// feedNameWithheld is the note of an event whose client's name the disclosure gate withheld.
const feedNameWithheld = "The client's name is not shown: their records are protected by 42 CFR Part 2 and they have " +
	"no active consent to share their name with a calendar service (recipient \"" + carepath.CalendarRecipient + "\", purpose operations)."

// title returns an occurrence's event title and the note its description carries.
func (n *feedNamer) title(o *carepath.Occurrence) (string, string) {
	t := sessionKind(o.Kind)
	if o.GroupID != "" {
		if g := n.group(o.GroupID); g != "" {
			return "Group: " + g, ""
		}
		if o.GroupType != "" {
			return groupTypeName(o.GroupType), ""
		}
		return t, ""
	}
	if n.show && len(o.ClientIDs) == 1 {
		c := n.client(o.ClientIDs[0])
		if c.name != "" {
			t += ": " + c.name
		}
		return t, c.note
	}
	return t, ""
}

func (n *feedNamer) group(id string) string {
	if !n.staff {
		return ""
	}
	if n.groups == nil {
		n.groups = map[string]string{}
	}
	if name, ok := n.groups[id]; ok {
		return name
	}
	name := ""
	if n.s.Groups != nil {
		if g, err := n.s.Groups.FindGroupByID(n.r.Context(), id); err == nil {
			name = g.Name
		}
	}
	n.groups[id] = name
	return name
}

// client asks the disclosure gate whether the client's name may go to the calendar service,
// and reads it when it may.
func (n *feedNamer) client(id string) feedClient {
	if n.clients == nil {
		n.clients = map[string]feedClient{}
	}
	if c, ok := n.clients[id]; ok {
		return c
	}
	var fc feedClient
	d, err := n.s.Disclosures.Authorize(n.r.Context(), id, carepath.CalendarRecipient, carepath.PurposeOperations)
	switch {
	case missingConsent(err) != "":
		fc.note = feedNameWithheld
	case err == nil:
		if c, err := n.s.Clients.FindClientByID(n.r.Context(), id); err == nil {
			fc.name = c.GivenName + " " + c.FamilyName
			fc.note = d.Notice
		}
	}
	n.clients[id] = fc
	return fc
}
