package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/notify"
)

// measureBody is the body of POST /api/v1/clients/{id}/measures. TakenAt is RFC 3339; when
// it is left out the answers are taken now (entered in session).
type measureBody struct {
	Instrument string       `json:"instrument"`
	Answers    []int        `json:"answers"`
	TakenAt    string       `json:"taken_at"`
	Sex        carepath.Sex `json:"sex"`
}

// measureCreated is the answer of POST /api/v1/clients/{id}/measures: the measure with its
// change against the baseline, and the alerts it raised.
type measureCreated struct {
	*carepath.Measure
	Alerts []*carepath.MeasureAlert `json:"alerts"`
}

// registerMeasures adds the routes of measurement-based care.
func (a *API) registerMeasures(mux Mux) {
	mux.HandleFunc("POST /api/v1/clients/{id}/measures", a.createMeasure)
	mux.HandleFunc("GET /api/v1/clients/{id}/measures", a.listMeasures)
	mux.HandleFunc("PUT /api/v1/clients/{id}/measure-schedule", a.setMeasureSchedule)
	mux.HandleFunc("POST /api/v1/clients/{id}/measure-links", a.createMeasureLink)
	mux.HandleFunc("GET /api/v1/measure-alerts", a.listMeasureAlerts)
	mux.HandleFunc("POST /api/v1/measure-alerts/{id}/acknowledge", a.acknowledgeMeasureAlert)
}

// createMeasure scores and stores one measure and answers 201.
func (a *API) createMeasure(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var body measureBody
	if err := decodeJSON(w, r, &body); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	in := carepath.MeasureInput{Instrument: body.Instrument, Answers: body.Answers, Sex: body.Sex, TakenAt: time.Now().UTC()}
	if body.TakenAt != "" {
		t, err := time.Parse(time.RFC3339, body.TakenAt)
		if err != nil {
			WriteError(w, r, a.Log, &carepath.Error{Code: carepath.EINVALID, Message: "Please check the request",
				Fields: []carepath.FieldError{{Field: "taken_at", Code: "format", Message: "is not an RFC 3339 time"}}})
			return
		}
		in.TakenAt = t
	}
	m, alerts, err := a.Measures.CreateMeasure(ctx, r.PathValue("id"), in)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	w.Header().Set("Location", "/api/v1/clients/"+m.ClientID+"/measures")
	WriteJSON(w, http.StatusCreated, measureCreated{Measure: m, Alerts: alerts})
}

// listMeasures answers a client's series with change figures, schedule and crisis flag.
func (a *API) listMeasures(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	s, err := a.Measures.FindMeasures(ctx, r.PathValue("id"))
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, s)
}

// setMeasureSchedule overrides a client's measurement schedule.
func (a *API) setMeasureSchedule(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var u carepath.MeasureScheduleUpdate
	if err := decodeJSON(w, r, &u); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	s, err := a.Measures.SetMeasureSchedule(ctx, r.PathValue("id"), u)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, s)
}

// createMeasureLink makes a single-use answer link, sends it through the Sender and answers
// 201 with the link (never its token).
func (a *API) createMeasureLink(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in carepath.MeasureLinkInput
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	link, token, err := a.Measures.CreateMeasureLink(ctx, r.PathValue("id"), in)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	c, err := a.Clients.FindClientByID(ctx, link.ClientID)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	to := c.Email
	if in.SendTo == "sms" {
		to = c.Phone
	}
	var sender notify.Sender = notify.LogSender{Log: a.Log}
	if a.Sender != nil {
		sender = a.Sender
	}
	if err := sender.Send(ctx, notify.Message{LinkID: link.ID, Channel: in.SendTo, To: to, URL: a.answerURL(r, token)}); err != nil {
		a.Log.Error("answer link not sent", "link_id", link.ID, "err", err)
		WriteError(w, r, a.Log, carepath.Errorf(carepath.EINTERNAL, "The link could not be sent."))
		return
	}
	WriteJSON(w, http.StatusCreated, link)
}

// answerURL is the public address of an answer link: BaseURL, or else the request's own
// scheme and host.
func (a *API) answerURL(r *http.Request, token string) string {
	base := strings.TrimSuffix(a.BaseURL, "/")
	if base == "" {
		scheme := "https"
		if r.TLS == nil {
			scheme = "http"
		}
		base = scheme + "://" + r.Host
	}
	return base + "/m/" + token
}
