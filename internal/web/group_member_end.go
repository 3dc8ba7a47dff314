package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
)

// groupMemberEnd takes a client off a group's roster from a date on: sessions from that date
// no longer list them, earlier ones (and their attendance) stay. A bad date is named next to
// that client's form, with what was typed kept.
func (s *Server) groupMemberEnd(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.groupPage(w, r, who)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		v.Problem = "The form could not be read. Please try again."
		s.render(w, r, http.StatusBadRequest, "group", v)
		return
	}
	client, on := strings.TrimSpace(r.PostForm.Get("client_id")), strings.TrimSpace(r.PostForm.Get("on"))
	v.EndOn[client] = on
	if on == "" {
		v.EndErrors[client] = "Please give the first date they no longer come."
		s.render(w, r, http.StatusBadRequest, "group", v)
		return
	}
	_, err := s.Groups.EndGroupMember(r.Context(), v.Group.ID, client, on)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/groups/"+v.Group.ID+"?ended=1", http.StatusSeeOther)
	case isInvalid(err), isNotFound(err):
		msgs := []string{}
		for _, f := range carepath.ErrorFields(err) {
			msgs = append(msgs, f.Message)
		}
		if len(msgs) == 0 {
			msgs = append(msgs, carepath.ErrorMessage(err))
		}
		v.EndErrors[client] = strings.Join(msgs, " ")
		status := http.StatusBadRequest
		if isNotFound(err) {
			status = http.StatusNotFound
		}
		s.render(w, r, status, "group", v)
	default:
		s.fail(w, r, "end group member", err, groupErrors)
	}
}
