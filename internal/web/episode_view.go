package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// admitView is the view model of the admit form.
type admitView struct {
	page
	Who      signedIn
	Client   *carepath.Client
	Form     admitForm
	Programs []*carepath.Program
	Levels   []carepath.Level
	Errors   map[string]string // by element id
	Summary  []errorLink
	Conflict bool // the client already has an open episode in the chosen program
	Problem  string
}

// admitOrder is the order of the admit form's elements, for the error summary.
var admitOrder = []string{"admit-program", "admit-level", "admit-on"}

// careLevels are the levels an episode can be at: every level but none.
func careLevels() []carepath.Level { return carepath.Levels[1:] }

// newAdmitView reads the programs and builds the admit form's view model.
func (s *Server) newAdmitView(r *http.Request, who signedIn, c *carepath.Client, f admitForm, errs map[string]string) admitView {
	v := admitView{page: page{Title: "Admit to a program"}, Who: who, Client: c, Form: f, Levels: careLevels(), Errors: errs}
	list, err := s.Programs.FindPrograms(r.Context())
	if err != nil {
		s.Log.Error("admit form programs", "err", err)
		v.Problem = "The programs could not be read just now. Please reload the page in a minute."
	}
	v.Programs = list
	if v.Form.On == "" && len(errs) == 0 { // a new form, dated today; a posted one keeps what was typed
		v.Form.On = earliestToday(time.Now(), list)
	}
	v.Summary = summaryOf(errs, admitOrder...)
	return v
}

// admitAnchor is the element id that shows a service field error of the admit form.
func admitAnchor(field, _ string) string {
	switch field {
	case "program_id":
		return "admit-program"
	case "level":
		return "admit-level"
	case "on":
		return "admit-on"
	}
	return ""
}

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

// transferLevels are the levels an episode at current may move to, least intensive first.
func transferLevels(current carepath.Level) []levelChoice {
	var out []levelChoice
	for _, l := range carepath.Levels {
		if l == carepath.LevelNone || l == current {
			continue
		}
		out = append(out, levelChoice{l, carepath.TransferDirection(current, l)})
	}
	return out
}
