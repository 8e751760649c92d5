package com.caskr.sync.local;

/** Where the stack listens. */
enum PortMode {
  /** The ports the services' application.yml files default to: what a developer expects. */
  FIXED,
  /** Any free ports: lets a test run beside a developer's stack without colliding. */
  FREE
}
