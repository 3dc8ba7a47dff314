package fhir

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// everything serves GET /Patient/{id}/$everything: one client's record as a searchset bundle
// — the Patient, episodes of care, diagnoses, coverage, questionnaire responses and their observations, treatment
// plans and goals, consents, encounters, appointments from the first admission to five weeks
// ahead, and the groups they were on — with the practitioners, programs, questionnaires and
// the clinic they refer to as included resources. Other clients are left out of the groups'
// rosters and the appointments' participants: the bundle is one client's record. _since keeps the records changed since
// then; _count pages the bundle. What the actor's role may not read is left out, and the
// bundle says which kinds of record were left out. 404 when there is no such client or the
// actor may not see them.
//
// The bundle serves the clinic and the client's own right of access. Asked for by an outside
// party (an outside party's API token, a payer reviewer), it is a release outside the care
// team and goes through the disclosure gate first (carepath.DisclosureService.Authorize, which
// audits the recipient): a 42 CFR Part 2 client's record goes only to a recipient named, for
// the purpose, in an active disclosure consent, and then carries the Part 2 security labels
// and the 42 CFR 2.32 notice; without such a consent the answer is 403 naming the missing
// consent, and nothing is released.
func (h *Handler) everything(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	values := r.URL.Query()
	var since time.Time
	if s := values.Get("_since"); s != "" {
		lo, _, err := search.ParseRange(s, h.opt.Zone)
		if err != nil {
			h.writeError(w, r, badRequest("invalid", "_since takes an instant, e.g. 2024-03-01T00:00:00Z."))
			return
		}
		since = lo
	}
	delete(values, "_since")
	q, err := h.parseQuery(&resourceType{name: "Patient/" + id + "/$everything"}, values, strictHandling(r))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	if actor, _ := carepath.ActorFrom(ctx); actor.Outside() {
		if !validID.MatchString(id) {
			h.writeError(w, r, notFound("Patient", id))
			return
		}
		if _, err := h.svc.Disclosures.Authorize(ctx, id, "", ""); err != nil {
			if carepath.ErrorCode(err) == carepath.ENOTFOUND {
				err = notFound("Patient", id)
			}
			h.writeError(w, r, err)
			return
		}
	}
	c, err := h.svc.Clients.FindClientByID(ctx, id)
	if carepath.ErrorCode(err) == carepath.ENOTFOUND || (err == nil && !validID.MatchString(id)) {
		err = notFound("Patient", id)
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	rec, err := h.record(ctx, c)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	var matches []r4.Resource
	for _, res := range rec.matches {
		if since.IsZero() || changedSince(res, since) {
			matches = append(matches, res)
		}
	}
	res, err := pageSlice(matches, q)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	if res.next == "" && !q.summaryCount {
		res.included = rec.included // the referenced resources close the last page
	}
	res.warnings = rec.warnings
	if !since.IsZero() {
		q.used.Set("_since", r4.Instant(since))
	}
	h.write(w, r, http.StatusOK, h.bundle(r, "Patient/"+id+"/$everything", q, res))
}

// changedSince reports whether a resource's meta.lastUpdated is at or after since; resources
// without one are kept, since nothing says they did not change.
func changedSince(r r4.Resource, since time.Time) bool {
	m := r.ResourceMeta()
	if m == nil || m.LastUpdated == "" {
		return true
	}
	t, ok := parseInstant(m.LastUpdated)
	return !ok || !t.Before(since.Truncate(time.Second))
}

// clientRecord is what $everything gathers about one client.
type clientRecord struct {
	matches  []r4.Resource
	included []r4.Resource
	warnings []r4.Issue
}

// record gathers a client's record section by section; a section the actor's role may not read
// is left out and named in a warning.
func (h *Handler) record(ctx context.Context, c *carepath.Client) (*clientRecord, error) {
	rec := &clientRecord{matches: []r4.Resource{Patient(c)}}
	var skipped, withheld []string
	var episodes []*carepath.Episode
	sections := []struct {
		name string
		load func() ([]r4.Resource, error)
	}{
		{"EpisodeOfCare", func() ([]r4.Resource, error) {
			var err error
			if episodes, err = h.svc.Episodes.FindEpisodes(ctx, c.ID); err != nil {
				return nil, err
			}
			var out []r4.Resource
			for _, e := range episodes {
				out = append(out, EpisodeOfCare(e))
			}
			return out, nil
		}},
		{"Condition", func() ([]r4.Resource, error) { return clientConditions(ctx, h, c.ID) }},
		{"Coverage", func() ([]r4.Resource, error) { return clientCoverages(ctx, h, c.ID) }},
		{"QuestionnaireResponse and Observation", func() ([]r4.Resource, error) { return h.clientMeasures(ctx, c.ID) }},
		{"CarePlan and Goal", func() ([]r4.Resource, error) {
			versions, err := h.svc.Plans.FindPlans(ctx, c.ID)
			var out []r4.Resource
			for _, p := range versions {
				out = append(out, CarePlan(p, versions))
				for _, g := range Goals(p, versions) {
					out = append(out, g)
				}
			}
			return out, err
		}},
		{"Consent", func() ([]r4.Resource, error) {
			list, err := h.svc.Consents.FindConsents(ctx, c.ID)
			var out []r4.Resource
			for _, k := range list {
				out = append(out, Consent(k))
			}
			return out, err
		}},
		{"Encounter", func() ([]r4.Resource, error) { return clientEncounters(ctx, h, c.ID) }},
		{"Appointment", func() ([]r4.Resource, error) { return h.clientAppointments(ctx, c, episodes) }},
		{"Group", func() ([]r4.Resource, error) { return h.clientGroups(ctx, c.ID, episodes) }},
	}
	for _, s := range sections {
		list, err := s.load()
		if missingConsent(err) {
			// The gate allowed this client's record before it was read, so the consent that is
			// missing is another client's: a group roster or a group session names them.
			withheld = append(withheld, s.name)
			continue
		}
		if code := carepath.ErrorCode(err); code == carepath.EFORBIDDEN {
			skipped = append(skipped, s.name)
			continue
		} else if err != nil {
			return nil, err
		}
		rec.matches = append(rec.matches, list...)
	}
	if len(skipped) > 0 {
		rec.warnings = append(rec.warnings, r4.Issue{Severity: "information", Code: "suppressed",
			Diagnostics: "Left out because your role may not read them: " + strings.Join(skipped, ", ") + "."})
	}
	if len(withheld) > 0 {
		rec.warnings = append(rec.warnings, r4.Issue{Severity: "information", Code: "suppressed",
			Diagnostics: "Left out because they name other clients whose records no consent lets you receive: " + strings.Join(withheld, ", ") + "."})
	}
	included, err := h.referenced(ctx, rec.matches)
	if err != nil {
		return nil, err
	}
	rec.included = included
	return rec, nil
}

// missingConsent reports whether err is the disclosure gate's refusal for want of a 42 CFR
// Part 2 consent.
func missingConsent(err error) bool {
	for _, f := range carepath.ErrorFields(err) {
		if f.Code == carepath.MissingConsentCode {
			return true
		}
	}
	return false
}

// clientMeasures returns a client's measures as QuestionnaireResponses and Observations.
func (h *Handler) clientMeasures(ctx context.Context, clientID string) ([]r4.Resource, error) {
	var out []r4.Resource
	mq := carepath.MeasureQuery{ClientIDs: []string{clientID}, Limit: carepath.MaxMeasureLimit}
	for {
		page, err := h.svc.Measures.SearchMeasures(ctx, mq)
		if err != nil {
			return nil, err
		}
		for _, m := range page.Measures {
			out = append(out, QuestionnaireResponse(m))
			for _, o := range Observations(m) {
				out = append(out, o)
			}
		}
		if len(page.Measures) < mq.Limit {
			return out, nil
		}
		mq.After = page.Measures[len(page.Measures)-1].ID
	}
}

// clientAppointments returns a client's occurrences from their first admission (or from when
// they were registered) to five weeks ahead.
func (h *Handler) clientAppointments(ctx context.Context, c *carepath.Client, episodes []*carepath.Episode) ([]r4.Resource, error) {
	records, err := clientRecords(ctx, h, c.ID)
	if err != nil && carepath.ErrorCode(err) != carepath.EFORBIDDEN {
		return nil, err
	}
	from := c.CreatedAt
	for _, e := range episodes {
		if t, err := time.Parse(carepath.DateLayout, e.AdmittedOn); err == nil && t.Before(from) {
			from = t
		}
	}
	to := h.opt.Now().Add(defaultAhead)
	var out []r4.Resource
	for start := from.Add(-24 * time.Hour); start.Before(to); start = start.Add(storeSpan) {
		list, err := h.svc.Sessions.FindOccurrences(ctx, carepath.OccurrenceFilter{ClientID: c.ID,
			From: start.Format(time.RFC3339), To: minTime(start.Add(storeSpan), to).Format(time.RFC3339)})
		if err != nil {
			return nil, err
		}
		for _, o := range list {
			// The client's own record: the other clients of a group are left out.
			o.ClientIDs = []string{c.ID}
			out = append(out, Appointment(o, appointmentStatus(o, records[o.ID])))
		}
	}
	return out, nil
}

// clientGroups returns the groups of the client's programs they have been on.
func (h *Handler) clientGroups(ctx context.Context, clientID string, episodes []*carepath.Episode) ([]r4.Resource, error) {
	var programs []string
	for _, e := range episodes {
		if !slices.Contains(programs, e.ProgramID) {
			programs = append(programs, e.ProgramID)
		}
	}
	var out []r4.Resource
	for _, p := range programs {
		groups, err := h.svc.Groups.FindGroups(ctx, p)
		if err != nil {
			return nil, err
		}
		for _, g := range groups {
			// The client's own stays on the roster: the other members are left out.
			own := *g
			own.Members = slices.DeleteFunc(slices.Clone(g.Members), func(m carepath.GroupMember) bool { return m.ClientID != clientID })
			if len(own.Members) > 0 {
				gr := Group(&own, h.today())
				gr.Quantity = nil
				out = append(out, gr)
			}
		}
	}
	return out, nil
}

// referenced returns the practitioners, programs, questionnaires and the clinic that the
// resources refer to, as far as the actor may read them.
func (h *Handler) referenced(ctx context.Context, list []r4.Resource) ([]r4.Resource, error) {
	refs := map[string]bool{}
	for _, res := range list {
		collectRefs(res, refs)
	}
	out := []r4.Resource{Organization(h.opt.OrganizationName)}
	for _, f := range allForms {
		if refs["Questionnaire/"+f.fid] {
			out = append(out, Questionnaire(f))
		}
	}
	if programs, err := h.svc.Programs.FindPrograms(ctx); err == nil {
		for _, p := range programs {
			if refs["HealthcareService/"+p.ID] {
				d, err := h.svc.Programs.FindProgramDetails(ctx, p.ID)
				if err != nil {
					return nil, err
				}
				out = append(out, HealthcareService(p, d))
			}
		}
	} else if carepath.ErrorCode(err) != carepath.EFORBIDDEN {
		return nil, err
	}
	if staff, err := h.svc.Staff.FindStaff(ctx, carepath.StaffFilter{}); err == nil {
		for _, s := range staff {
			if refs["Practitioner/"+s.ID] {
				out = append(out, Practitioner(s))
			}
		}
	} else if carepath.ErrorCode(err) != carepath.EFORBIDDEN {
		return nil, err
	}
	return out, nil
}

// collectRefs adds the references of a resource, found by encoding it, to refs.
func collectRefs(res r4.Resource, refs map[string]bool) {
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				if s, ok := val.(string); ok && (k == "reference" || k == "questionnaire") {
					refs[strings.TrimPrefix(s, questionnaireBase[:len(questionnaireBase)-len("Questionnaire/")])] = true
				}
				walk(val)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(toMap(res))
}
