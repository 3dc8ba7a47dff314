package r4

// Bundle is a set of resources: a page of search results.
type Bundle struct {
	ResourceType string        `json:"resourceType"`
	ID           string        `json:"id,omitempty"`
	Meta         *Meta         `json:"meta,omitempty"`
	Type         string        `json:"type"`
	Timestamp    string        `json:"timestamp,omitempty"`
	Total        *int          `json:"total,omitempty"`
	Link         []BundleLink  `json:"link,omitempty"`
	Entry        []BundleEntry `json:"entry,omitempty"`
}

// ResourceKind returns "Bundle".
func (b *Bundle) ResourceKind() string { return "Bundle" }

// ResourceID returns the bundle's id.
func (b *Bundle) ResourceID() string { return b.ID }

// ResourceMeta returns the bundle's meta.
func (b *Bundle) ResourceMeta() *Meta { return b.Meta }

// BundleLink is a link of a bundle: self, next, previous.
type BundleLink struct {
	Relation string `json:"relation"`
	URL      string `json:"url"`
}

// BundleEntry is one resource of a bundle, with why it is there.
type BundleEntry struct {
	FullURL  string       `json:"fullUrl,omitempty"`
	Resource Resource     `json:"resource,omitempty"`
	Search   *EntrySearch `json:"search,omitempty"`
}

// EntrySearch says why a resource is in a search result: "match", "include" or "outcome".
type EntrySearch struct {
	Mode string `json:"mode,omitempty"`
}

// OperationOutcome reports errors and warnings.
type OperationOutcome struct {
	ResourceType string  `json:"resourceType"`
	ID           string  `json:"id,omitempty"`
	Issue        []Issue `json:"issue"`
}

// ResourceKind returns "OperationOutcome".
func (o *OperationOutcome) ResourceKind() string { return "OperationOutcome" }

// ResourceID returns the outcome's id.
func (o *OperationOutcome) ResourceID() string { return o.ID }

// ResourceMeta returns nil: an outcome has no meta.
func (o *OperationOutcome) ResourceMeta() *Meta { return nil }

// Issue is one error, warning or note: Severity is fatal, error, warning or information; Code
// is from the issue-type code system; Expression names the element paths concerned.
type Issue struct {
	Severity    string           `json:"severity"`
	Code        string           `json:"code"`
	Details     *CodeableConcept `json:"details,omitempty"`
	Diagnostics string           `json:"diagnostics,omitempty"`
	Expression  []string         `json:"expression,omitempty"`
}
