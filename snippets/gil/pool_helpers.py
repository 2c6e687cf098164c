# Stops the helper processes a multiprocessing pool leaves behind, for the snippets that start pools.
from multiprocessing import forkserver, resource_tracker


def stop_pool_helpers():
    """The fork server (the default start method on Linux from 3.14) and the resource tracker outlive the pools that
    started them, and stop only when this process's exit closes their pipes, which can take a while on a busy
    machine; a run is checked for processes left behind. The standard library has no public way to stop them, so
    this uses the methods its own tests use."""
    forkserver._forkserver._stop()
    resource_tracker._resource_tracker._stop()
