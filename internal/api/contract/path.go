package contract

import (
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// pathTemplate is one of the document's paths, compiled for matching request paths.
type pathTemplate struct {
	template   string
	re         *regexp.Regexp
	names      []string // the template's parameters, in order
	literal    int      // characters outside parameters: more is more specific
	operations map[string]*Operation
}

// templateParamRE matches one {name} of a path template.
var templateParamRE = regexp.MustCompile(`\{([^{}/]+)\}`)

// compileTemplate turns "/clients/{id}/plans" into a pattern in which each parameter matches
// one non-empty path segment (or part of one).
func compileTemplate(template string) *pathTemplate {
	t := &pathTemplate{template: template, operations: map[string]*Operation{}}
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, loc := range templateParamRE.FindAllStringSubmatchIndex(template, -1) {
		b.WriteString(regexp.QuoteMeta(template[last:loc[0]]))
		b.WriteString("([^/]+)")
		t.names = append(t.names, template[loc[2]:loc[3]])
		t.literal += loc[0] - last
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(template[last:]))
	t.literal += len(template) - last
	b.WriteString("$")
	t.re = regexp.MustCompile(b.String())
	return t
}

// match finds the most specific template that matches an escaped request path, with the
// decoded values of its parameters. A concrete path ("/outcomes.csv") wins over a templated
// one that also matches.
func (d *Document) match(escapedPath string) (*pathTemplate, map[string]string) {
	var best *pathTemplate
	var bestValues []string
	for _, t := range d.paths {
		sub := t.re.FindStringSubmatch(escapedPath)
		if sub == nil {
			continue
		}
		if best == nil || t.literal > best.literal {
			best, bestValues = t, sub[1:]
		}
	}
	if best == nil {
		return nil, nil
	}
	params := make(map[string]string, len(best.names))
	for i, name := range best.names {
		params[name] = unescape(bestValues[i])
	}
	return best, params
}

// allowed returns the methods the path's operations are documented under, with HEAD where GET
// is, sorted.
func (t *pathTemplate) allowed() []string {
	methods := slices.Collect(maps.Keys(t.operations))
	if t.operations[http.MethodGet] != nil && t.operations[http.MethodHead] == nil {
		methods = append(methods, http.MethodHead)
	}
	slices.Sort(methods)
	return methods
}
