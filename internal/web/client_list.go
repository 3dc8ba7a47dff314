package web

import (
	"net/http"
	"strconv"
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
	// Page is the page shown, from 1; First and Last number the clients shown on it, from 1.
	Page, First, Last int
}

// clientsPerPage is how many clients a page of the list shows.
const clientsPerPage = 50

// Prev and Next are the neighbouring pages, 0 when there is none.
func (v clientListView) Prev() int {
	if v.Page > 1 {
		return v.Page - 1
	}
	return 0
}

func (v clientListView) Next() int {
	if v.Last < v.Total {
		return v.Page + 1
	}
	return 0
}

// clientList shows the clients the staff member may see, a page at a time (?page=N, or the
// posted page of a search). The search term is posted, never put in the URL, because a name is
// client data; a search's other pages are posted with it.
func (s *Server) clientList(w http.ResponseWriter, r *http.Request, who signedIn) {
	v := clientListView{page: page{Title: "Clients"}, Who: who, Page: 1}
	pageNo := r.URL.Query().Get("page")
	var f carepath.ClientFilter
	if r.Method == http.MethodPost {
		if err := r.ParseForm(); err == nil {
			v.Search = strings.TrimSpace(r.PostForm.Get("search"))
			pageNo = r.PostForm.Get("page")
		}
		if v.Search != "" {
			f.Search = &v.Search
		}
	}
	if n, err := strconv.Atoi(pageNo); err == nil && n > 1 && n <= 1_000_000 {
		v.Page = n
	}
	f.Limit, f.Offset = clientsPerPage, (v.Page-1)*clientsPerPage
	list, total, err := s.Clients.FindClients(r.Context(), f)
	status, problem, ok := s.failOrShow(w, r, "client list", err, clientListErrors,
		http.StatusForbidden, http.StatusBadRequest, http.StatusInternalServerError)
	if !ok {
		return
	}
	if err == nil {
		v.Clients, v.Total = list, total
		v.First, v.Last = f.Offset+1, f.Offset+len(list)
	}
	v.Problem = problem
	s.render(w, r, status, "client_list", v)
}
