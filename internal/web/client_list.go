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
	status, problem, ok := s.failOrShow(w, r, "client list", err, clientListErrors,
		http.StatusForbidden, http.StatusBadRequest, http.StatusInternalServerError)
	if !ok {
		return
	}
	if err == nil {
		v.Clients, v.Total = list, total
	}
	v.Problem = problem
	s.render(w, r, status, "client_list", v)
}
