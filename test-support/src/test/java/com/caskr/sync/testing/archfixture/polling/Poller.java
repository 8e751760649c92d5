package com.caskr.sync.testing.archfixture.polling;

/** An adapter for the fixture. */
public class Poller {}
