package web

import (
	"net/http"
)

// aidQuestions shows the questionnaires for the chosen topics and the plain questions. With no
// topic chosen it shows the first page again with the problem named.
func (s *Server) aidQuestions(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Something went wrong"}, Message: "The form could not be read. Please start again."})
		return
	}
	chosen := chosenTopics(r.PostForm)
	if len(chosen) == 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "start", startView{page: page{Title: "Therapy or an intensive program? Find the right level of care"},
			Topics: topics, Error: "Please choose at least one thing you would like help with."})
		return
	}
	s.render(w, r, http.StatusOK, "questions", questionsPage(aidForm{Topics: chosen, Values: r.PostForm, Errors: map[string]string{}}))
}
