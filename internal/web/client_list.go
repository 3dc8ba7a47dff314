package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
)

// clientListView is the view model of the client list.
type clientListView struct {
	page
	Who     signedIn
	Search  string
	Clients []*carepath.Client
	Total   int
	Problem string
}

// clientList shows the clients the staff member may see. The search term is posted, never put
// in the URL, because a name is client data.
func (s *Server) clientList(w http.ResponseWriter, r *http.Request, who signedIn) {
	v := clientListView{page: page{Title: "Clients"}, Who: who}
	var f carepath.ClientFilter
	if r.Method == http.MethodPost {
		if err := r.ParseForm(); err == nil {
			v.Search = strings.TrimSpace(r.PostForm.Get("search"))
		}
		if v.Search != "" {
			f.Search = &v.Search
		}
	}
	list, total, err := s.Clients.FindClients(r.Context(), f)
	status := http.StatusOK
	switch carepath.ErrorCode(err) {
	case "":
		v.Clients, v.Total = list, total
	case carepath.EFORBIDDEN:
		status, v.Problem = http.StatusForbidden, "Your role does not give access to clients."
	case carepath.EINVALID:
		status, v.Problem = http.StatusBadRequest, carepath.ErrorMessage(err)
	default:
		s.Log.Error("client list", "err", err)
		status, v.Problem = http.StatusInternalServerError, "The client list could not be read just now. Please try again in a minute."
	}
	s.render(w, r, status, "client_list", v)
}
