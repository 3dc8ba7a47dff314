package fhir

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/httpserver"
)

// result is one page of a search: the matches on the page, the resources included alongside
// them, how many match in all (nil when unknown), the _page token of the next page ("" when
// this is the last) and notes for the client.
type result struct {
	matches  []r4.Resource
	included []r4.Resource
	total    *int
	next     string
	warnings []r4.Issue
}

// pageOf filters all by q and returns the page q asks for, by offset (_page holds the offset
// of the next page's first match).
func pageOf(all []r4.Resource, q *query) (*result, error) {
	var hits []r4.Resource
	for _, r := range all {
		if q.matches(r) {
			hits = append(hits, r)
		}
	}
	return pageSlice(hits, q)
}

// pageSlice returns the page of hits that q asks for.
func pageSlice(hits []r4.Resource, q *query) (*result, error) {
	offset := 0
	if q.page != "" {
		n, err := strconv.Atoi(q.page)
		if err != nil || n < 0 {
			return nil, badRequest("invalid", "_page is not a page of this search; follow the links of the result bundle.")
		}
		offset = n
	}
	total := len(hits)
	res := &result{total: &total}
	if q.summaryCount || offset >= len(hits) {
		return res, nil
	}
	end := min(offset+q.count, len(hits))
	res.matches = hits[offset:end]
	if end < len(hits) {
		res.next = strconv.Itoa(end)
	}
	return res, nil
}

// bundle turns a search result into a searchset Bundle whose links repeat the search: self
// for this page, next for the one after.
func (h *Handler) bundle(r *http.Request, typ string, q *query, res *result) *r4.Bundle {
	base := h.base(r)
	b := &r4.Bundle{ResourceType: "Bundle", Type: "searchset", Total: res.total,
		Timestamp: r4.Instant(h.opt.Now())}
	link := func(page string) string {
		v := url.Values{}
		for k, vals := range q.used {
			v[k] = vals
		}
		if !q.summaryCount {
			v.Set("_count", strconv.Itoa(q.count))
		}
		if page != "" {
			v.Set("_page", page)
		}
		return base + "/" + typ + "?" + v.Encode()
	}
	b.Link = []r4.BundleLink{{Relation: "self", URL: link(q.page)}}
	if res.next != "" {
		b.Link = append(b.Link, r4.BundleLink{Relation: "next", URL: link(res.next)})
	}
	for _, m := range res.matches {
		b.Entry = append(b.Entry, r4.BundleEntry{FullURL: base + "/" + m.ResourceKind() + "/" + m.ResourceID(),
			Resource: m, Search: &r4.EntrySearch{Mode: "match"}})
	}
	for _, m := range res.included {
		b.Entry = append(b.Entry, r4.BundleEntry{FullURL: base + "/" + m.ResourceKind() + "/" + m.ResourceID(),
			Resource: m, Search: &r4.EntrySearch{Mode: "include"}})
	}
	if warnings := append(append([]r4.Issue{}, q.warnings...), res.warnings...); len(warnings) > 0 {
		b.Entry = append(b.Entry, r4.BundleEntry{Resource: &r4.OperationOutcome{ResourceType: "OperationOutcome", Issue: warnings},
			Search: &r4.EntrySearch{Mode: "outcome"}})
	}
	return b
}

// base is the absolute URL of Prefix as the client reached it: Options.BaseURL, else the
// scheme the client used (directly or through a trusted proxy, httpserver.Secure) and the
// request's host.
func (h *Handler) base(r *http.Request) string {
	if h.opt.BaseURL != "" {
		return h.opt.BaseURL
	}
	return httpserver.ExternalURL(r, "", Prefix)
}
