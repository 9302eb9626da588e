//go:build !unix

package build

import "testing"

// runAsNobody: on systems without Unix users, tests run as the user who
// runs them.
func runAsNobody(t *testing.T) bool { return false }
