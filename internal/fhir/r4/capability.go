package r4

// CapabilityStatement says what a server supports.
type CapabilityStatement struct {
	ResourceType   string                  `json:"resourceType"`
	ID             string                  `json:"id,omitempty"`
	URL            string                  `json:"url,omitempty"`
	Name           string                  `json:"name,omitempty"`
	Title          string                  `json:"title,omitempty"`
	Status         string                  `json:"status"`
	Date           string                  `json:"date"`
	Publisher      string                  `json:"publisher,omitempty"`
	Description    string                  `json:"description,omitempty"`
	Kind           string                  `json:"kind"`
	Software       *CapabilitySoftware     `json:"software,omitempty"`
	Implementation *CapabilityImplementing `json:"implementation,omitempty"`
	FhirVersion    string                  `json:"fhirVersion"`
	Format         []string                `json:"format"`
	Rest           []CapabilityRest        `json:"rest,omitempty"`
}

// ResourceKind returns "CapabilityStatement".
func (c *CapabilityStatement) ResourceKind() string { return "CapabilityStatement" }

// ResourceID returns the statement's id.
func (c *CapabilityStatement) ResourceID() string { return c.ID }

// ResourceMeta returns nil: the statement has no meta.
func (c *CapabilityStatement) ResourceMeta() *Meta { return nil }

// CapabilitySoftware names the software.
type CapabilitySoftware struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// CapabilityImplementing names the running instance.
type CapabilityImplementing struct {
	Description string `json:"description"`
	URL         string `json:"url,omitempty"`
}

// CapabilityRest is the RESTful interface.
type CapabilityRest struct {
	Mode          string               `json:"mode"`
	Documentation string               `json:"documentation,omitempty"`
	Security      *CapabilitySecurity  `json:"security,omitempty"`
	Resource      []CapabilityResource `json:"resource,omitempty"`
}

// CapabilitySecurity describes how clients authenticate.
type CapabilitySecurity struct {
	Cors        *bool  `json:"cors,omitempty"`
	Description string `json:"description,omitempty"`
}

// CapabilityResource is what the server does with one resource type.
type CapabilityResource struct {
	Type              string                `json:"type"`
	Profile           string                `json:"profile,omitempty"`
	SupportedProfile  []string              `json:"supportedProfile,omitempty"`
	Documentation     string                `json:"documentation,omitempty"`
	Interaction       []CapabilityCode      `json:"interaction"`
	Versioning        string                `json:"versioning,omitempty"`
	ReadHistory       *bool                 `json:"readHistory,omitempty"`
	UpdateCreate      *bool                 `json:"updateCreate,omitempty"`
	ConditionalCreate *bool                 `json:"conditionalCreate,omitempty"`
	ConditionalRead   string                `json:"conditionalRead,omitempty"`
	ConditionalUpdate *bool                 `json:"conditionalUpdate,omitempty"`
	ConditionalDelete string                `json:"conditionalDelete,omitempty"`
	SearchParam       []CapabilitySearch    `json:"searchParam,omitempty"`
	Operation         []CapabilityOperation `json:"operation,omitempty"`
}

// CapabilityCode is one supported interaction.
type CapabilityCode struct {
	Code          string `json:"code"`
	Documentation string `json:"documentation,omitempty"`
}

// CapabilitySearch is one supported search parameter.
type CapabilitySearch struct {
	Name          string `json:"name"`
	Definition    string `json:"definition,omitempty"`
	Type          string `json:"type"`
	Documentation string `json:"documentation,omitempty"`
}

// CapabilityOperation is one supported operation.
type CapabilityOperation struct {
	Name          string `json:"name"`
	Definition    string `json:"definition"`
	Documentation string `json:"documentation,omitempty"`
}
