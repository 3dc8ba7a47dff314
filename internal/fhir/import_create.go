package fhir

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
)

// createQuestionnaireResponse serves POST /QuestionnaireResponse: it records a questionnaire
// answered elsewhere as a measure, through the measure service, so that it is scored and
// raises alerts (a positive PHQ-9 item 9 flags the chart for same-day review) exactly as a
// measure entered in carepath does. A resource that cannot be read is 400; one that breaks a
// rule (an unknown questionnaire, a missing or unknown answer, a total that does not match
// its answers, a patient the actor may not record for) is 422; either way nothing is stored
// and the OperationOutcome names each element at fault.
//
// The answer is 201 with Location, and, unless Prefer asks for return=minimal or
// return=OperationOutcome, the stored QuestionnaireResponse with the Observations it produced
// as contained resources (ids "total", "item9", "auditc"; each derived from its container and
// carrying the id of the standalone Observation, which can be read at Observation/<id>).
func createQuestionnaireResponse(h *Handler, w http.ResponseWriter, r *http.Request) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (mt != fhirJSON && mt != plainJSON && mt != "application/json+fhir") {
		h.writeError(w, r, &problem{status: http.StatusUnsupportedMediaType, issues: []r4.Issue{{Severity: "error", Code: "not-supported",
			Diagnostics: "Send the QuestionnaireResponse as application/fhir+json."}}})
		return
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil || dec.Decode(new(any)) != io.EOF {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.writeError(w, r, &problem{status: http.StatusRequestEntityTooLarge, issues: []r4.Issue{{Severity: "error", Code: "too-costly",
				Diagnostics: "The resource is larger than 1 MB."}}})
			return
		}
		h.writeError(w, r, badRequest("structure", "The body is not one JSON object."))
		return
	}
	im, issues := readImport(doc, h.opt.Zone)
	if issue := im.totalIssue(); issue != nil {
		issues = append(issues, *issue)
	}
	if len(issues) > 0 {
		h.writeError(w, r, &problem{status: http.StatusUnprocessableEntity, issues: issues})
		return
	}
	m, alerts, err := h.svc.Measures.CreateMeasure(r.Context(), im.clientID, carepath.MeasureInput{Instrument: im.form.id,
		Answers: im.answers, TakenAt: im.takenAt, Sex: carepath.SexUnknown})
	switch carepath.ErrorCode(err) {
	case "":
	case carepath.ENOTFOUND:
		h.writeError(w, r, &problem{status: http.StatusUnprocessableEntity, issues: []r4.Issue{{Severity: "error", Code: "not-found",
			Expression:  []string{"QuestionnaireResponse.subject"},
			Diagnostics: "There is no such patient, or you may not record measures for them."}}})
		return
	case carepath.EINVALID:
		var out []r4.Issue
		for _, f := range carepath.ErrorFields(err) {
			out = append(out, r4.Issue{Severity: "error", Code: "business-rule", Diagnostics: f.Message, Expression: []string{im.fieldPath(f.Field)}})
		}
		if len(out) == 0 {
			out = []r4.Issue{{Severity: "error", Code: "business-rule", Diagnostics: carepath.ErrorMessage(err)}}
		}
		h.writeError(w, r, &problem{status: http.StatusUnprocessableEntity, issues: out})
		return
	default:
		h.writeError(w, r, err)
		return
	}
	qr := QuestionnaireResponse(m)
	w.Header().Set("Location", h.base(r)+"/QuestionnaireResponse/"+m.ID+"/_history/1")
	setVersionHeaders(w, qr.Meta)
	switch prefer(r, "return") {
	case "minimal":
		w.WriteHeader(http.StatusCreated)
	case "OperationOutcome":
		h.write(w, r, http.StatusCreated, createdOutcome(m, alerts))
	default:
		for _, o := range Observations(m) {
			_, part, _ := splitObservationID(o.ID)
			c := *o
			c.ID, c.Meta = part, nil
			c.Identifier = []r4.Identifier{{System: Canonical + "/identifier/observation", Value: o.ID}}
			c.DerivedFrom = []r4.Reference{{Reference: "#"}}
			qr.Contained = append(qr.Contained, &c)
		}
		h.write(w, r, http.StatusCreated, qr)
	}
}

// totalIssue is checkTotal for a response that was read, nil otherwise.
func (im *imported) totalIssue() *r4.Issue {
	if im == nil {
		return nil
	}
	return im.checkTotal()
}

// createdOutcome reports a recorded measure and the alerts it raised.
func createdOutcome(m *carepath.Measure, alerts []*carepath.MeasureAlert) *r4.OperationOutcome {
	oo := &r4.OperationOutcome{ResourceType: "OperationOutcome", Issue: []r4.Issue{{Severity: "information", Code: "informational",
		Diagnostics: "Recorded as QuestionnaireResponse/" + m.ID + "."}}}
	for _, a := range alerts {
		oo.Issue = append(oo.Issue, r4.Issue{Severity: "warning", Code: "informational",
			Diagnostics: strings.TrimSpace(a.Reason + " " + a.Protocol)})
	}
	return oo
}

// prefer returns the value of one preference of the Prefer header, e.g. return.
func prefer(r *http.Request, name string) string {
	for _, v := range r.Header.Values("Prefer") {
		for _, part := range strings.Split(v, ",") {
			k, val, _ := strings.Cut(strings.TrimSpace(part), "=")
			if strings.EqualFold(strings.TrimSpace(k), name) {
				return strings.Trim(strings.TrimSpace(val), `"`)
			}
		}
	}
	return ""
}
