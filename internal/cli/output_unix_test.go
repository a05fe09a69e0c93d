//go:build unix

package cli

import (
	"context"
	"errors"
	"syscall"
	"testing"
	"time"
)

// TestWithSignalsReal sends the test process a real SIGINT while
// withSignals catches it: the run's context is cancelled and the command
// would exit 130, and the process goes on.
func TestWithSignalsReal(t *testing.T) {
	e, _, _ := testEnv()
	ctx, stop := e.withSignals(context.Background())
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("SIGINT did not cancel the run")
	}
	var ee *exitError
	if err := e.interruptedRun(ctx); !errors.As(err, &ee) || ee.code != 130 {
		t.Errorf("error %v, want exit 130", err)
	}
}
