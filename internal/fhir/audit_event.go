package fhir

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// auditRecordTypes are the FHIR types of the carepath records an audit row can name by id.
var auditRecordTypes = map[string]string{"client": "Patient", "episode": "EpisodeOfCare", "plan": "CarePlan",
	"consent": "Consent", "measure": "QuestionnaireResponse", "program": "HealthcareService", "group": "Group", "staff": "Practitioner"}

// auditVerb is the AuditEvent action of each carepath action: create, read, update or execute.
func auditVerb(action string) string {
	_, act, _ := strings.Cut(action, ".")
	switch act {
	case "create", "convert":
		return "C"
	case "read", "list", "open":
		return "R"
	case "login", "session", "totp":
		return "E"
	}
	return "U"
}

// AuditEvent maps one audit row: the carepath action as subtype, who acted (a staff member as
// a Practitioner, anyone else by role) from which address, the client and the record it was
// about, and whether it was allowed ("0") or refused or failed ("4", "8"). Audit rows never
// change: meta is version 1 at the time of the row.
func AuditEvent(e *carepath.AccessLogEntry) *r4.AuditEvent {
	ae := &r4.AuditEvent{
		Base:     r4.Base{ResourceType: "AuditEvent", ID: strconv.FormatInt(e.ID, 10), Meta: meta(1, e.At, "")},
		Type:     r4.Coding{System: sysAuditEventType, Code: "rest", Display: "RESTful Operation"},
		Subtype:  []r4.Coding{{System: sysAuditAction, Code: e.Action}},
		Action:   auditVerb(e.Action),
		Recorded: r4.Instant(e.At),
		Outcome:  "0", OutcomeDesc: e.Detail,
		Source: r4.AuditEventSource{Observer: r4.Reference{Display: "carepath"},
			Type: []r4.Coding{{System: sysSecuritySource, Code: "4", Display: "Application Server"}}},
	}
	if strings.HasSuffix(e.Action, ".login") {
		ae.Type = r4.Coding{System: sysDICOM, Code: "110114", Display: "User Authentication"}
	}
	switch {
	case strings.HasPrefix(e.Detail, "failed"):
		ae.Outcome = "8"
	case !e.Allowed || !strings.HasPrefix(e.Detail, "ok"):
		ae.Outcome = "4"
	}
	agent := r4.AuditEventAgent{Type: r4.Concept(sysRole, string(e.Role), "", string(e.Role)), AltID: e.ActorID, Requestor: true}
	switch e.Role {
	case carepath.RoleAdmin, carepath.RoleClinician, carepath.RoleCaseManager, carepath.RoleFrontDesk, carepath.RoleReviewer:
		agent.Who = r4.Ref("Practitioner", e.ActorID)
	default:
		agent.Who = &r4.Reference{Display: string(e.Role)}
	}
	if e.Remote != "" && e.Remote != "cli" {
		agent.Network = &r4.AuditEventNetwork{Address: e.Remote, Type: "2"}
	}
	ae.Agent = []r4.AuditEventAgent{agent}
	if e.ClientID != "" {
		ae.Entity = append(ae.Entity, r4.AuditEventEntity{What: r4.Ref("Patient", e.ClientID),
			Type: &r4.Coding{System: sysAuditEntityType, Code: "1", Display: "Person"},
			Role: &r4.Coding{System: sysObjectRole, Code: "1", Display: "Patient"}})
	}
	if e.RecordID != "" && !(e.RecordType == "client" && e.RecordID == e.ClientID) {
		what := &r4.Reference{Identifier: &r4.Identifier{System: sysAuditRecord + "/" + e.RecordType, Value: e.RecordID}}
		if t := auditRecordTypes[e.RecordType]; t != "" && validID.MatchString(e.RecordID) {
			what = r4.Ref(t, e.RecordID)
		}
		ae.Entity = append(ae.Entity, r4.AuditEventEntity{What: what,
			Type: &r4.Coding{System: sysAuditEntityType, Code: "2", Display: "System Object"}})
	}
	return ae
}

// auditEventType serves the audit log to admins: the store refuses everyone else.
func auditEventType() *resourceType {
	return &resourceType{
		name: "AuditEvent", doc: "The audit log, newest first: admins only. date takes one range (several clauses narrow it).",
		params: []*param{
			{name: "patient", kind: kindReference, target: "Patient", patient: true, definition: hl7Param("AuditEvent", "patient"),
				doc: "The client the rows are about, including the lists that showed them.", refs: func(r r4.Resource) []string {
					var out []string
					for _, e := range r.(*r4.AuditEvent).Entity {
						if e.What != nil && refKind(e.What.Reference) == "Patient" {
							out = append(out, e.What.Reference)
						}
					}
					return out
				}},
			{name: "agent", kind: kindReference, target: "Practitioner", definition: hl7Param("AuditEvent", "agent"), doc: "The staff member who acted.",
				refs: func(r r4.Resource) []string {
					if w := r.(*r4.AuditEvent).Agent[0].Who; w != nil && w.Reference != "" {
						return []string{w.Reference}
					}
					return nil
				}},
			{name: "date", kind: kindDate, definition: hl7Param("AuditEvent", "date"), doc: "When it happened.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span { return spans(loc, r.(*r4.AuditEvent).Recorded) }},
		},
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			n, err := strconv.ParseInt(id, 10, 64)
			if err != nil {
				return nil, notFound("AuditEvent", id)
			}
			e, err := h.svc.Audit.FindAccessLogEntryByID(ctx, n)
			if err != nil {
				return nil, err
			}
			return AuditEvent(e), nil
		},
		search: searchAuditEvents,
	}
}

// searchAuditEvents asks the store for one page of the log: by client, by staff member and by
// one range of time.
func searchAuditEvents(ctx context.Context, h *Handler, q *query) (*result, error) {
	if ids, ok := q.ids(); ok {
		rs, err := readAll(ctx, h, q.t, ids)
		if err != nil {
			return nil, err
		}
		return pageOf(rs, q)
	}
	var f carepath.AccessLogFilter
	if ids, ok := q.patients(); ok {
		if len(ids) != 1 {
			return nil, badRequest("not-supported", "AuditEvent searches one patient at a time.")
		}
		f.ClientID = &ids[0]
	}
	if cs := q.named("agent"); len(cs) > 0 {
		if len(cs) != 1 || len(cs[0].refs) != 1 {
			return nil, badRequest("not-supported", "AuditEvent searches one agent at a time.")
		}
		f.ActorID = &cs[0].refs[0].ID
	}
	allowed := []carepath.TimeRange{{}}
	for _, c := range append(q.named("date"), q.named("_lastUpdated")...) {
		allowed = search.Intersect(allowed, timeGroup(c, q))
	}
	switch len(allowed) {
	case 0:
		return pageSlice(nil, q)
	case 1:
		if !allowed[0].From.IsZero() {
			f.From = &allowed[0].From
		}
		if !allowed[0].To.IsZero() {
			f.To = &allowed[0].To
		}
	default:
		return nil, badRequest("not-supported", "AuditEvent takes one range of dates (no ne, no comma-separated dates).")
	}
	offset, err := pageOffset(q)
	if err != nil {
		return nil, err
	}
	f.Limit, f.Offset = max(q.count, 1)+1, offset
	list, err := h.svc.Audit.FindAccessLog(ctx, f)
	if err != nil {
		return nil, err
	}
	res := &result{}
	if q.summaryCount || q.count == 0 {
		return res, nil
	}
	for i, e := range list {
		if i == q.count {
			res.next = itoa(offset + q.count)
			break
		}
		res.matches = append(res.matches, AuditEvent(e))
	}
	return res, nil
}
