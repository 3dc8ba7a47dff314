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
// No feed's titles hold a client's name: a feed goes to a third-party calendar service.
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
	names := feedNamer{s: s, r: r.WithContext(ctx), staff: feed.OwnerKind == carepath.FeedStaff}
	cal := ical.Calendar{Name: "carepath sessions", Refresh: time.Hour}
	if feed.OwnerKind == carepath.FeedStaff {
		cal.Name = "carepath: my sessions"
	}
	for _, o := range occs {
		start := occurrenceStart(o)
		if start.IsZero() {
			continue
		}
		title := names.title(o)
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
// type in a client's feed); never a client's name, even in a feed made when staff could opt in
// to names, since every feed is read by a third-party calendar service.
type feedNamer struct {
	s      *Server
	r      *http.Request
	staff  bool // a staff owner, who may read the groups' names
	groups map[string]string
}

// title returns an occurrence's event title.
func (n *feedNamer) title(o *carepath.Occurrence) string {
	if o.GroupID != "" {
		if g := n.group(o.GroupID); g != "" {
			return "Group: " + g
		}
		if o.GroupType != "" {
			return groupTypeName(o.GroupType)
		}
	}
	return sessionKind(o.Kind)
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
