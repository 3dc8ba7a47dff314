package api

import (
	"context"
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
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
	mux.HandleFunc("DELETE /api/v1/clients/{id}/measure-schedule", a.resetMeasureSchedule)
	mux.HandleFunc("POST /api/v1/clients/{id}/measure-links", a.createMeasureLink)
	mux.HandleFunc("GET /api/v1/measure-alerts", a.listMeasureAlerts)
	mux.HandleFunc("POST /api/v1/measure-alerts/{id}/acknowledge", a.acknowledgeMeasureAlert)
}

// createMeasure scores and stores one measure and answers 201.
func (a *API) createMeasure(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, body measureBody) (measureCreated, error) {
		in := carepath.MeasureInput{Instrument: body.Instrument, Answers: body.Answers, Sex: body.Sex, TakenAt: time.Now().UTC()}
		if body.TakenAt != "" {
			t, err := time.Parse(time.RFC3339, body.TakenAt)
			if err != nil {
				return measureCreated{}, &carepath.Error{Code: carepath.EINVALID, Message: "Please check the request",
					Fields: []carepath.FieldError{{Field: "taken_at", Code: "format", Message: "is not an RFC 3339 time"}}}
			}
			in.TakenAt = t
		}
		m, alerts, err := a.Measures.CreateMeasure(ctx, r.PathValue("id"), in)
		if err != nil {
			return measureCreated{}, err
		}
		w.Header().Set("Location", "/api/v1/clients/"+m.ClientID+"/measures")
		return measureCreated{Measure: m, Alerts: alerts}, nil
	})
}

// listMeasures answers a client's series with change figures, schedule and crisis flag.
func (a *API) listMeasures(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.MeasureSeries, error) {
		return a.Measures.FindMeasures(ctx, r.PathValue("id"))
	})
}

// measureScheduleBody is the body of PUT /api/v1/clients/{id}/measure-schedule. every_days
// must be given: 0 means admission and discharge only, so a schedule that merely forgot it
// would silently drop every routine measure.
type measureScheduleBody struct {
	EveryDays *int     `json:"every_days"`
	Repeated  []string `json:"repeated"`
	Bookends  []string `json:"bookends"`
}

// setMeasureSchedule overrides a client's measurement schedule.
func (a *API) setMeasureSchedule(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in measureScheduleBody) (*carepath.MeasureSchedule, error) {
		if in.EveryDays == nil {
			var errs carepath.FieldErrors
			errs.Add("every_days", "required", "Measure every 1 to 90 days, or give 0 for admission and discharge only.")
			return nil, errs.Err()
		}
		return a.Measures.SetMeasureSchedule(ctx, r.PathValue("id"),
			carepath.MeasureScheduleUpdate{EveryDays: *in.EveryDays, Repeated: in.Repeated, Bookends: in.Bookends})
	})
}

// resetMeasureSchedule removes the client's override and answers 200 with the level's default
// schedule (null when the client has no open episode).
func (a *API) resetMeasureSchedule(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.MeasureSchedule, error) {
		return a.Measures.ResetMeasureSchedule(ctx, r.PathValue("id"))
	})
}

// createMeasureLink makes a single-use answer link, sends it through the Sender and answers
// 201 with the link (never its token).
func (a *API) createMeasureLink(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.MeasureLinkInput) (*carepath.MeasureLink, error) {
		link, token, err := a.Measures.CreateMeasureLink(ctx, r.PathValue("id"), in)
		if err != nil {
			return nil, err
		}
		c, err := a.Clients.FindClientByID(ctx, link.ClientID)
		if err != nil {
			return nil, err
		}
		to := c.Email
		if in.SendTo == "sms" {
			to = c.Phone
		}
		if err := a.sender().Send(ctx, notify.Message{LinkID: link.ID, Channel: in.SendTo, To: to, URL: a.answerURL(r, token), Expires: link.ExpiresAt}); err != nil {
			a.Log.Error("answer link not sent", "link_id", link.ID, "channel", in.SendTo)
			if err == notify.ErrNoChannel {
				return nil, carepath.Errorf(carepath.EINTERNAL, "The link could not be sent: carepath has no server configured for %s.", in.SendTo)
			}
			return nil, carepath.Errorf(carepath.EINTERNAL, "The link could not be sent.")
		}
		return link, nil
	})
}

// answerURL is the public address of an answer link: under BaseURL, or else the scheme the
// client used (as a trusted proxy reports it) and the request's host.
func (a *API) answerURL(r *http.Request, token string) string {
	return httpserver.ExternalURL(r, a.BaseURL, "/m/"+token)
}
