package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// episodeHead is what the transfer and discharge pages show about the episode they change.
type episodeHead struct {
	Client      *carepath.Client
	Episode     *carepath.Episode
	ProgramName string
	loc         *time.Location // the program's time zone, for today's date
}

// changeView is the view model of the transfer and discharge forms.
type changeView struct {
	page
	episodeHead
	Who       signedIn
	Transfer  transferForm
	Discharge dischargeForm
	Levels    []levelChoice
	Reasons   []formChoice
	Errors    map[string]string // by element id
	Summary   []errorLink
	// Conflict explains why nothing was saved when the episode changed (409); Closed hides the
	// form because the episode is discharged.
	Conflict string
	Closed   bool
}

var (
	transferOrder  = []string{"transfer-form", "transfer-to-level", "transfer-on", "transfer-reason", "transfer-note"}
	dischargeOrder = []string{"discharge-form", "discharge-on", "discharge-reason-" + string(carepath.DischargeCompleted), "discharge-note"}
)

// episodeOf reads the chart's client and the episode the path names, which must be the
// client's, answering the error page itself when it cannot; ok is false then.
func (s *Server) episodeOf(w http.ResponseWriter, r *http.Request, who signedIn) (episodeHead, bool) {
	var h episodeHead
	if !access.Allowed(who.Role, access.Episode, access.Create) {
		s.deny(w, r, episodeErrors)
		return h, false
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return h, false
	}
	h.Client = c
	e, err := s.findEpisode(r, c.ID, r.PathValue("episode"))
	if err != nil {
		s.fail(w, r, "read episode", err, episodeErrors)
		return h, false
	}
	h.Episode, h.ProgramName, h.loc = e, "Program", time.UTC
	if p, err := s.Programs.FindProgramByID(r.Context(), e.ProgramID); err == nil {
		h.ProgramName, h.loc = p.Name, p.Location()
	}
	return h, true
}

// findEpisode returns the client's episode id; ENOTFOUND when the client has no such episode.
func (s *Server) findEpisode(r *http.Request, clientID, id string) (*carepath.Episode, error) {
	list, err := s.Episodes.FindEpisodes(r.Context(), clientID)
	if err != nil {
		return nil, err
	}
	for _, e := range list {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such episode.")
}

// newChangeView builds the view model of a transfer or discharge form for h.
func newChangeView(title string, who signedIn, h episodeHead, errs map[string]string, order []string) changeView {
	v := changeView{page: page{Title: title}, episodeHead: h, Who: who, Errors: errs,
		Levels: transferLevels(h.Episode.Level), Summary: summaryOf(errs, order...)}
	v.Closed = h.Episode.Status != carepath.EpisodeOpen
	return v
}

// episodeTransferForm shows the transfer form, dated today in the program's time zone.
func (s *Server) episodeTransferForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	h, ok := s.episodeOf(w, r, who)
	if !ok {
		return
	}
	v := newChangeView("Transfer", who, h, map[string]string{}, nil)
	v.Reasons = transferReasons
	v.Transfer = transferForm{Version: strconv.Itoa(h.Episode.Version), On: today(time.Now(), h.loc)}
	s.render(w, r, http.StatusOK, "episode_transfer", v)
}

// changeAnchor maps a service field error of a transfer or discharge to the element id of the
// form with prefix ("transfer" or "discharge").
func changeAnchor(prefix string) func(field, code string) string {
	return func(field, code string) string {
		switch field {
		case "to_level":
			return prefix + "-to-level"
		case "on":
			return prefix + "-on"
		case "reason":
			if prefix == "transfer" && code == "too_long" {
				return "transfer-note"
			}
			if prefix == "discharge" {
				return "discharge-reason-" + string(carepath.DischargeCompleted)
			}
			return prefix + "-reason"
		case "note":
			return prefix + "-note"
		}
		return prefix + "-form" // the version: the form was not built from an episode
	}
}

// conflictOf re-reads the episode after a refused change and explains what happened; the form
// is then based on the episode as it is now, so that submitting again applies the change to it.
func (s *Server) conflictOf(r *http.Request, h *episodeHead, what string) string {
	e, err := s.findEpisode(r, h.Client.ID, h.Episode.ID)
	if err != nil {
		return "Someone else changed this episode since you opened this form, so nothing was saved. Please go back to the chart and reload it."
	}
	h.Episode = e
	if e.Status != carepath.EpisodeOpen {
		return "This episode has been discharged (" + e.DischargedOn + ") since you opened this form, so it can no longer be " + what + ". Nothing was saved."
	}
	return "Someone else changed this episode since you opened this form, so nothing was saved. It is now at " +
		e.Level.Name() + ", as shown below. Check your entries and submit again to apply them to the episode as it is now."
}

// episodeTransferSave moves the episode to another level and goes back to the chart; a problem
// shows the form again with what was typed: 400 naming the fields, 409 when the episode changed
// since the form was built.
func (s *Server) episodeTransferSave(w http.ResponseWriter, r *http.Request, who signedIn) {
	h, ok := s.episodeOf(w, r, who)
	if !ok {
		return
	}
	f := readTransferForm(r)
	errs := map[string]string{}
	t := f.transfer(errs)
	status, conflict := http.StatusBadRequest, ""
	if len(errs) == 0 {
		_, err := s.Episodes.TransferEpisode(r.Context(), h.Episode.ID, t)
		switch {
		case err == nil:
			http.Redirect(w, r, "/staff/clients/"+h.Client.ID+"#episode-"+h.Episode.ID, http.StatusSeeOther)
			return
		case isInvalid(err):
			placeFieldErrors(errs, err, changeAnchor("transfer"), "transfer-form")
		case isConflict(err):
			status, conflict = http.StatusConflict, s.conflictOf(r, &h, "transferred")
			f.Version = strconv.Itoa(h.Episode.Version)
		default:
			var ok bool
			if status, _, ok = s.failOrShow(w, r, "transfer episode", err, episodeErrors, http.StatusInternalServerError); !ok {
				return
			}
			errs["transfer-form"] = "The transfer could not be stored just now. Nothing was stored; please try again in a minute."
		}
	}
	v := newChangeView("Transfer", who, h, errs, transferOrder)
	v.Reasons, v.Transfer, v.Conflict = transferReasons, f, conflict
	s.render(w, r, status, "episode_transfer", v)
}

// episodeDischargeForm shows the discharge form, dated today in the program's time zone.
func (s *Server) episodeDischargeForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	h, ok := s.episodeOf(w, r, who)
	if !ok {
		return
	}
	v := newChangeView("Discharge", who, h, map[string]string{}, nil)
	v.Reasons = dischargeReasons
	v.Discharge = dischargeForm{Version: strconv.Itoa(h.Episode.Version), On: today(time.Now(), h.loc)}
	s.render(w, r, http.StatusOK, "episode_discharge", v)
}

// episodeDischargeSave ends the episode and goes back to the chart, with the answers of
// episodeTransferSave.
func (s *Server) episodeDischargeSave(w http.ResponseWriter, r *http.Request, who signedIn) {
	h, ok := s.episodeOf(w, r, who)
	if !ok {
		return
	}
	f := readDischargeForm(r)
	errs := map[string]string{}
	status, conflict := http.StatusBadRequest, ""
	_, err := s.Episodes.DischargeEpisode(r.Context(), h.Episode.ID, f.discharge())
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+h.Client.ID+"#episode-"+h.Episode.ID, http.StatusSeeOther)
		return
	case isInvalid(err):
		placeFieldErrors(errs, err, changeAnchor("discharge"), "discharge-form")
	case isConflict(err):
		status, conflict = http.StatusConflict, s.conflictOf(r, &h, "discharged")
		f.Version = strconv.Itoa(h.Episode.Version)
	default:
		var ok bool
		if status, _, ok = s.failOrShow(w, r, "discharge episode", err, episodeErrors, http.StatusInternalServerError); !ok {
			return
		}
		errs["discharge-form"] = "The discharge could not be stored just now. Nothing was stored; please try again in a minute."
	}
	v := newChangeView("Discharge", who, h, errs, dischargeOrder)
	v.Reasons, v.Discharge, v.Conflict = dischargeReasons, f, conflict
	s.render(w, r, status, "episode_discharge", v)
}
