package fhir

import (
	"context"
	"slices"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// The span Appointment searches cover: the store lists at most storeSpan at a time; a search of
// the whole clinic covers at most that, a search of one client's or one clinician's
// appointments at most maxScopedSpan (read storeSpan at a time). A search that gives no start
// or end covers the year before now and the weeks after it (defaultPast, defaultAhead), and
// says so.
const (
	storeSpan     = 400 * 24 * time.Hour
	maxScopedSpan = 10 * 366 * 24 * time.Hour
	defaultPast   = 365 * 24 * time.Hour
	defaultAhead  = 35 * 24 * time.Hour
)

// appointmentType serves the occurrences of groups and booked sessions.
func appointmentType() *resourceType {
	participants := func(kind string) func(r r4.Resource) []string {
		return func(r r4.Resource) []string {
			var out []string
			for _, p := range r.(*r4.Appointment).Participant {
				if p.Actor != nil && (kind == "" || refKind(p.Actor.Reference) == kind) {
					out = append(out, p.Actor.Reference)
				}
			}
			return out
		}
	}
	return &resourceType{
		name: "Appointment",
		doc:  "Occurrences of groups and individual, family and medication sessions. Ids are <series id>.<YYYY-MM-DD>. A search covers at most 400 days (ten years for one patient or practitioner); without a date range, the year before now and the five weeks after.",
		params: []*param{
			{name: "patient", kind: kindReference, target: "Patient", patient: true, definition: hl7Param("Appointment", "patient"),
				doc: "A client taking part.", refs: participants("Patient")},
			{name: "practitioner", kind: kindReference, target: "Practitioner", definition: hl7Param("Appointment", "practitioner"),
				doc: "A clinician running it.", refs: participants("Practitioner")},
			{name: "date", kind: kindDate, definition: hl7Param("Appointment", "date"), doc: "The start, with the date prefixes.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span { return spans(loc, r.(*r4.Appointment).Start) }},
			statusParam("Appointment", sysAppointmentStatus, func(r r4.Resource) string { return r.(*r4.Appointment).Status }),
			{name: "service-type", kind: kindToken, definition: hl7Param("Appointment", "service-type"),
				doc:   "The kind of session (" + sysSessionKind + "|group).",
				codes: func(r r4.Resource) []search.Code { a := r.(*r4.Appointment); return codesOf(&a.ServiceType[0]) }},
		},
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			occ, ok := occurrenceOf(id)
			if !ok {
				return nil, notFound("Appointment", id)
			}
			o, err := h.svc.Sessions.FindOccurrence(ctx, occ)
			if err != nil {
				return nil, err
			}
			return Appointment(o, appointmentStatus(o, soleRecord(ctx, h, o))), nil
		},
		search: searchAppointments,
	}
}

// soleRecord returns the attendance record of the one client of a session that has attendance,
// nil for a group, a session without attendance, or when it cannot be read.
func soleRecord(ctx context.Context, h *Handler, o *carepath.Occurrence) *carepath.AttendanceRecord {
	if o.Kind == carepath.SessionGroup || o.AttendanceVersion == 0 || len(o.ClientIDs) != 1 {
		return nil
	}
	sheet, err := h.svc.Attendance.FindAttendance(ctx, o.ID)
	if err != nil {
		return nil
	}
	for _, r := range sheet.Records {
		if r.ClientID == o.ClientIDs[0] {
			return &r
		}
	}
	return nil
}

// searchAppointments lists the occurrences of each patient asked about, or of the clinician,
// or of everyone the actor may see, over the span the date clauses allow, then filters them.
func searchAppointments(ctx context.Context, h *Handler, q *query) (*result, error) {
	if ids, ok := q.ids(); ok && len(q.named("date")) == 0 {
		rs, err := readAll(ctx, h, q.t, ids)
		if err != nil {
			return nil, err
		}
		return pageOf(rs, q)
	}
	var filters []carepath.OccurrenceFilter
	limit := storeSpan
	if ids, ok := q.patients(); ok {
		for _, id := range ids {
			filters = append(filters, carepath.OccurrenceFilter{ClientID: id})
		}
	} else if cs := q.named("practitioner"); len(cs) > 0 {
		for _, r := range cs[0].refs {
			filters = append(filters, carepath.OccurrenceFilter{ClinicianID: r.ID})
		}
	} else {
		filters = []carepath.OccurrenceFilter{{}}
	}
	if len(filters) == 0 {
		return pageSlice(nil, q)
	}
	if filters[0] != (carepath.OccurrenceFilter{}) {
		limit = maxScopedSpan
	}
	from, to, warning, err := appointmentSpan(q, limit)
	if err != nil {
		return nil, err
	}
	var all []r4.Resource
	seen := map[string]bool{}
	for _, f := range filters {
		var records map[string]*carepath.AttendanceRecord
		if f.ClientID != "" {
			var err error
			if records, err = clientRecords(ctx, h, f.ClientID); carepath.ErrorCode(err) == carepath.ENOTFOUND {
				continue
			} else if err != nil {
				return nil, err
			}
		}
		for start := from; start.Before(to); start = start.Add(storeSpan) {
			f.From, f.To = start.Format(time.RFC3339), minTime(start.Add(storeSpan), to).Format(time.RFC3339)
			list, err := h.svc.Sessions.FindOccurrences(ctx, f)
			if carepath.ErrorCode(err) == carepath.EINVALID && f.ClientID+f.ClinicianID != "" {
				break // a malformed id: nothing matches
			}
			if err != nil {
				return nil, err
			}
			for _, o := range list {
				if seen[o.ID] {
					continue
				}
				seen[o.ID] = true
				var rec *carepath.AttendanceRecord
				if records != nil {
					rec = records[o.ID]
				} else {
					rec = soleRecord(ctx, h, o)
				}
				all = append(all, Appointment(o, appointmentStatus(o, rec)))
			}
		}
	}
	res, err := pageOf(all, q)
	if err == nil && warning != "" {
		res.warnings = append(res.warnings, r4.Issue{Severity: "information", Code: "informational", Diagnostics: warning})
	}
	return res, err
}

// clientRecords returns a client's attendance records by occurrence id.
func clientRecords(ctx context.Context, h *Handler, clientID string) (map[string]*carepath.AttendanceRecord, error) {
	list, err := h.svc.Attendance.FindClientAttendance(ctx, clientID)
	if err != nil {
		return nil, err
	}
	out := map[string]*carepath.AttendanceRecord{}
	for _, a := range list {
		out[a.Occurrence.ID] = &a.Record
	}
	return out, nil
}

// appointmentSpan returns the span of start times the date clauses allow: the smallest that
// holds every range they match, each open end replaced by the default (and a note saying so).
// A span longer than limit is refused.
func appointmentSpan(q *query, limit time.Duration) (from, to time.Time, note string, err error) {
	allowed := []carepath.TimeRange{{}}
	for _, c := range q.named("date") {
		allowed = search.Intersect(allowed, timeGroup(c, q))
	}
	if len(allowed) == 0 {
		return q.now, q.now, "", nil
	}
	from, to = allowed[0].From, allowed[len(allowed)-1].To
	if from.IsZero() || to.IsZero() {
		if from.IsZero() {
			from = q.now.Add(-defaultPast)
		}
		if to.IsZero() {
			to = q.now.Add(defaultAhead)
		}
		note = "Appointments starting from " + r4.Instant(from) + " to " + r4.Instant(to) +
			" are searched; give date=ge…&date=lt… for others."
	}
	if to.Sub(from) > limit {
		return from, to, "", badRequest("too-costly", "An Appointment search covers at most "+itoa(int(limit/(24*time.Hour)))+
			" days (ten years for one client or clinician): narrow it with date=ge…&date=lt….")
	}
	return from, to, note, nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// refKind returns the type of a "Type/id" reference.
func refKind(ref string) string {
	for i := range ref {
		if ref[i] == '/' {
			return ref[:i]
		}
	}
	return ""
}

// encounterType serves clients' attendance as Encounters.
func encounterType() *resourceType {
	owner := func(r r4.Resource) string { return refID(r.(*r4.Encounter).Subject.Reference) }
	return &resourceType{
		name: "Encounter", doc: "Each client's attendance at each session: finished when they took part, cancelled when absent, with minutes attended.",
		params: append(patientParams("Encounter", true, owner),
			&param{name: "date", kind: kindDate, definition: hl7Param("clinical", "date"), doc: "The session's time, with the date prefixes.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span {
					if p := r.(*r4.Encounter).Period; p != nil {
						if sp, ok := search.PeriodSpan(p.Start, p.End, loc); ok {
							return []search.Span{sp}
						}
					}
					return nil
				}},
			statusParam("Encounter", sysEncounterStatus, func(r r4.Resource) string { return r.(*r4.Encounter).Status }),
			&param{name: "class", kind: kindToken, definition: hl7Param("Encounter", "class"), doc: "AMB (in person) or VR (telehealth).",
				codes: func(r r4.Resource) []search.Code {
					c := r.(*r4.Encounter).Class
					return []search.Code{{System: c.System, Code: c.Code}}
				}},
			&param{name: "type", kind: kindToken, definition: hl7Param("clinical", "type"), doc: "The kind of session.",
				codes: func(r r4.Resource) []search.Code { e := r.(*r4.Encounter); return codesOf(&e.Type[0]) }},
			&param{name: "appointment", kind: kindReference, target: "Appointment", definition: hl7Param("Encounter", "appointment"),
				doc: "The occurrence.", refs: func(r r4.Resource) []string { return []string{r.(*r4.Encounter).Appointment[0].Reference} }}),
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			occ, client, ok := splitEncounterID(id)
			if !ok {
				return nil, notFound("Encounter", id)
			}
			list, err := h.svc.Attendance.FindClientAttendance(ctx, client)
			if err != nil {
				return nil, err
			}
			i := slices.IndexFunc(list, func(a *carepath.ClientAttendance) bool { return a.Occurrence.ID == occ })
			if i < 0 {
				return nil, notFound("Encounter", id)
			}
			episodes, err := h.svc.Episodes.FindEpisodes(ctx, client)
			if err != nil {
				return nil, err
			}
			e, _ := Encounter(list[i], episodes)
			return e, nil
		},
		search: byPatient(clientEncounters),
	}
}

// clientEncounters returns a client's encounters, each linked to its episode of care.
func clientEncounters(ctx context.Context, h *Handler, clientID string) ([]r4.Resource, error) {
	list, err := h.svc.Attendance.FindClientAttendance(ctx, clientID)
	if err != nil {
		return nil, err
	}
	episodes, err := h.svc.Episodes.FindEpisodes(ctx, clientID)
	if err != nil {
		return nil, err
	}
	var out []r4.Resource
	for _, a := range list {
		if e, ok := Encounter(a, episodes); ok {
			out = append(out, e)
		}
	}
	return out, nil
}
