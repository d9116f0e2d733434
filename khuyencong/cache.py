"""Redis as the shared cache of several web servers, optional in every request.

A cache that cannot be reached is a cache that misses: pages are made without it (and
slower), never refused. Django's own RedisCache raises instead.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class TolerantRedisCacheClient(RedisCacheClient):
    def _quietly(self, operation: str, default: Any, *args: Any) -> Any:
        try:
            return getattr(super(), operation)(*args)
        except UNREACHABLE as error:
            logger.warning("Cache unreachable (%s): %s", operation, error)
            return default

    def add(self, key, value, timeout):
        return self._quietly("add", False, key, value, timeout)

    def get(self, key, default):
        return self._quietly("get", default, key, default)

    def set(self, key, value, timeout):
        return self._quietly("set", None, key, value, timeout)

    def touch(self, key, timeout):
        return self._quietly("touch", False, key, timeout)

    def delete(self, key):
        return self._quietly("delete", False, key)

    def get_many(self, keys):
        return self._quietly("get_many", {}, keys)

    def has_key(self, key):
        return self._quietly("has_key", False, key)

    def set_many(self, data, timeout):
        return self._quietly("set_many", [], data, timeout)

    def delete_many(self, keys):
        return self._quietly("delete_many", None, keys)


class TolerantRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient
