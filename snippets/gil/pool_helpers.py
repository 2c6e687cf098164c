# Stops the helper processes multiprocessing pools leave behind, for the pool snippets.
from multiprocessing import forkserver, resource_tracker, util


def stop_pool_helpers():
    """The fork server (the default start method on Linux from 3.14) and the resource
    tracker outlive the pools that started them, and stop only when this process's exit
    closes their pipes, which can take a while on a busy machine; a run is checked for
    processes left behind. First the pools' own clean-up runs, as it would at exit
    (their semaphores are released while the tracker still listens), then the helpers
    stop. The standard library has no public way to do either, so this uses the
    functions its exit handler and its own tests use."""
    util._run_finalizers(0)
    forkserver._forkserver._stop()
    resource_tracker._resource_tracker._stop()
