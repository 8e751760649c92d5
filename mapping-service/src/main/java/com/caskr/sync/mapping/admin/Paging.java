package com.caskr.sync.mapping.admin;

/** Page parameters of the listings: page from 0, size 1..200. */
record Paging(int page, int size) {

  static Paging of(int page, int size) {
    if (page < 0 || page > 100_000) {
      throw new BadRequest("page must be between 0 and 100000");
    }
    if (size < 1 || size > 200) {
      throw new BadRequest("size must be between 1 and 200");
    }
    return new Paging(page, size);
  }

  long offset() {
    return (long) page * size;
  }
}
