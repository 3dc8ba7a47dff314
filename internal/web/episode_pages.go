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

// episodesToChart sends a GET of the admit form's target (a reload, a bookmark) to the chart.
func (s *Server) episodesToChart(w http.ResponseWriter, r *http.Request, who signedIn) {
	http.Redirect(w, r, "/staff/clients/"+r.PathValue("id"), http.StatusSeeOther)
}

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

// episodeAdmitForm shows the admit form, dated today.
func (s *Server) episodeAdmitForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Episode, access.Create) {
		s.deny(w, r, episodeErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "episode_admit", s.newAdmitView(r, who, c, admitForm{}, map[string]string{}))
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

// episodeAdmitSave admits the client and goes back to the chart; a problem shows the form
// again with what was typed: 400 naming the fields, 409 when the client already has an open
// episode in the program.
func (s *Server) episodeAdmitSave(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Episode, access.Create) {
		s.deny(w, r, episodeErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := readAdmitForm(r)
	errs := map[string]string{}
	if f.ProgramID == "" {
		errs["admit-program"] = "Please choose the program."
	}
	status := http.StatusBadRequest
	inConflict := false
	if len(errs) == 0 {
		e, err := s.Episodes.AdmitClient(r.Context(), carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: f.ProgramID,
			Level: carepath.Level(f.Level), On: f.On})
		switch {
		case err == nil:
			http.Redirect(w, r, "/staff/clients/"+c.ID+"#episode-"+e.ID, http.StatusSeeOther)
			return
		case isInvalid(err):
			placeFieldErrors(errs, err, admitAnchor, "admit-program")
		case isConflict(err):
			status, inConflict = http.StatusConflict, true
			errs["admit-program"] = "This client already has an open episode in this program. Transfer or discharge it from the chart instead; nothing was saved."
		case isNotFound(err):
			// The client was read above, so it is the program that is gone.
			errs["admit-program"] = "That program no longer exists; please choose another."
		default:
			var ok bool
			if status, _, ok = s.failOrShow(w, r, "admit client", err, episodeErrors, http.StatusInternalServerError); !ok {
				return
			}
			errs["admit-program"] = "The admission could not be stored just now. Nothing was stored; please try again in a minute."
		}
	}
	v := s.newAdmitView(r, who, c, f, errs)
	v.Conflict = inConflict
	s.render(w, r, status, "episode_admit", v)
}
