package api

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// maxJSONBody is the largest JSON body the API reads, apart from placement profiles.
const maxJSONBody = 1 << 20

// requireJSON refuses a body whose Content-Type is not application/json (parameters such as
// charset aside), or that has none, with EMEDIATYPE naming the header, and sets Accept-Post or
// Accept-Patch to say what would be read.
func requireJSON(w http.ResponseWriter, r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err == nil && mt == "application/json" {
		return nil
	}
	what := "is " + strconv.Quote(ct) + "; send application/json"
	if ct == "" {
		what = "is missing; send application/json"
	}
	switch r.Method {
	case http.MethodPost:
		w.Header().Set("Accept-Post", "application/json")
	case http.MethodPatch:
		w.Header().Set("Accept-Patch", "application/json")
	}
	return &carepath.Error{Code: carepath.EMEDIATYPE, Message: "Please send the body as JSON",
		Fields: []carepath.FieldError{{Field: "Content-Type", Code: "format", Message: what}}}
}

// decodeJSON reads one JSON object into dst, refusing unknown fields. Problems are EINVALID
// errors naming the field ("body" for malformed JSON), ETOOLARGE past maxJSONBody,
// EMEDIATYPE for a body that is not JSON (requireJSON).
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	if err := requireJSON(w, r); err != nil {
		return err
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil && dec.More() {
		err = errors.New("trailing data")
	}
	if err == nil {
		return nil
	}
	var (
		maxErr  *http.MaxBytesError
		typeErr *json.UnmarshalTypeError
		field   = "body"
		message = "is not valid JSON"
	)
	switch {
	case errors.As(err, &maxErr):
		return carepath.Errorf(carepath.ETOOLARGE, "The request body is larger than %d KiB.", maxJSONBody>>10)
	case errors.As(err, &typeErr):
		field, message = typeErr.Field, "has the wrong type: expected "+jsonKind(typeErr.Type.Kind().String())
		if field == "" {
			field = "body"
		}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field = strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		message = "is not a field carepath knows"
	case errors.Is(err, io.EOF):
		message = "is empty: send a JSON object"
	}
	return &carepath.Error{Code: carepath.EINVALID, Message: "Please check the request",
		Fields: []carepath.FieldError{{Field: field, Code: "format", Message: message}}}
}

// jsonKind names a Go kind the way a JSON user would understand it.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "int", "int64", "int32", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "a list"
	case "struct", "map", "ptr":
		return "an object"
	}
	return kind
}

// invalidQuery is an EINVALID error naming one query parameter.
func invalidQuery(field, message string) error {
	return &carepath.Error{Code: carepath.EINVALID, Message: "Please check the query",
		Fields: []carepath.FieldError{{Field: field, Code: "format", Message: message}}}
}

// limitOffset reads ?limit= and ?offset= into limit and offset when they are given; one that
// is not a whole number is an EINVALID error naming it (limit first).
func limitOffset(q url.Values, limit, offset *int) error {
	for _, p := range []struct {
		name string
		dst  *int
	}{{"limit", limit}, {"offset", offset}} {
		if s := q.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return invalidQuery(p.name, "Use a whole number.")
			}
			*p.dst = n
		}
	}
	return nil
}
