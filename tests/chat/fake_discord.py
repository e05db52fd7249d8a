"""A loopback stand-in for Discord's REST API and gateway (v10), for end-to-end tests.

The real discord.py client connects to it exactly as it would to Discord: REST calls go to
``http://127.0.0.1:<port>/api/v10`` (``Route.BASE``) and the gateway is a websocket at
``ws://127.0.0.1:<port>/gateway`` (returned by ``GET /gateway/bot``). It speaks enough of
the protocol for factbot:

- gateway: HELLO, IDENTIFY -> READY (bot user + application) and GUILD_CREATE (one guild
  with roles, channels and the bot's member), HEARTBEAT -> HEARTBEAT_ACK, RESUME ->
  RESUMED; tests dispatch INTERACTION_CREATE and MESSAGE_CREATE;
- REST: ``/gateway/bot``, ``/users/@me`` (401 for a wrong token), ``/applications/@me``,
  interaction callbacks, webhook followups and original-response edits, channel messages,
  reactions, typing, and command sync (global and guild ``PUT .../commands``).

Every REST request is recorded (method, path, query, JSON body or multipart
``payload_json``, attached files), so tests assert on exactly what the bot sent. Each
interaction records when it was dispatched and when its initial response came; like
Discord, a response later than ``deadline`` (3 s) is refused with 404 "Unknown
interaction" and the interaction is marked ``late``. The bot is in two servers
(``guild_id`` and ``other_guild_id``). Unknown
routes are recorded too and answered 404, so a missing route shows up in the test.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

SNOWFLAKE_START = 1_100_000_000_000_000_000
ALL_PERMISSIONS = (1 << 50) - 1
MEMBER_PERMISSIONS = 0x400 | 0x800 | 0x4000 | 0x8000 | 0x10000 | 0x40 | 0x80000000  # view, send...
MANAGE_GUILD = 1 << 5
EPHEMERAL = 1 << 6

# interaction types
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
MODAL_SUBMIT = 5

# interaction callback types
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9


def _json(data: Any, status: int = 200) -> web.Response:
    """A JSON response with exactly ``Content-Type: application/json`` (discord.py compares
    the header verbatim; aiohttp's ``json_response`` would add a charset)."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def _now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class Recorded:
    """One REST request the bot made."""

    method: str
    path: str  # after /api/v10, e.g. "/channels/123/messages"
    query: dict[str, str]
    json: Any  # the JSON body, or the payload_json of a multipart body; None if empty
    files: list[tuple[str, bytes]] = field(default_factory=list)
    authorization: str | None = None

    def __repr__(self) -> str:
        return f"<{self.method} {self.path} {json.dumps(self.json)[:300] if self.json else ''}>"


RECORDED = web.RequestKey("recorded", Recorded)


@dataclass
class FakeUser:
    id: int
    name: str
    role_ids: tuple[int, ...] = ()
    permissions: int = MEMBER_PERMISSIONS
    bot: bool = False

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": self.name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }

    def member(self, *, with_user: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "roles": [str(r) for r in self.role_ids],
            "joined_at": "2022-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "avatar": None,
            "premium_since": None,
            "pending": False,
            "communication_disabled_until": None,
            "permissions": str(self.permissions),
        }
        if with_user:
            data["user"] = self.payload()
        return data


@dataclass
class Interaction:
    """An interaction the stand-in dispatched."""

    id: int
    token: str
    type: int
    user: FakeUser
    payload: dict[str, Any]
    created_at: float = 0.0  # loop time when it was dispatched
    responded_at: float | None = None  # loop time of the first (initial) response
    late: bool = False  # the initial response came after the deadline: refused, as by Discord

    @property
    def response_delay(self) -> float | None:
        """Seconds from dispatch to the initial response (None: none yet)."""
        return None if self.responded_at is None else self.responded_at - self.created_at


@dataclass(frozen=True)
class ChannelOption:
    """A channel picked as a slash command option (``/settings modlog channel:#x``)."""

    channel_id: int


class FakeDiscord:
    """The stand-in server. ``await start()``, point the bot at :attr:`api_base`, ``close()``."""

    def __init__(self, *, token: str = "test-token") -> None:
        self.token = token
        self.reject_token = False  # answer 401 to GET /users/@me whatever the token
        self.reject_identify = False  # close the gateway with 4004 (authentication failed)
        self.refuse_message_content = False  # close with 4014 when that intent is asked for
        self.closed_dms = False  # answer 403 (50007) when the bot opens a DM
        self._ids = itertools.count(SNOWFLAKE_START)
        self.application_id = self.new_id()
        self.bot_user = FakeUser(self.application_id, "factbot", bot=True)
        self.owner = FakeUser(self.new_id(), "owner", permissions=ALL_PERMISSIONS)
        self.guild_id = self.new_id()
        self.moderator_role_id = self.new_id()
        self.channel_id = self.new_id()  # #general
        self.ask_channel_id = self.new_id()  # #ask
        self.member = FakeUser(self.new_id(), "member")
        self.moderator = FakeUser(self.new_id(), "moderator", role_ids=(self.moderator_role_id,))
        self.admin = FakeUser(self.new_id(), "admin", permissions=MEMBER_PERMISSIONS | MANAGE_GUILD)
        # a second server, where the bot is too (its moderators have Manage Server)
        self.other_guild_id = self.new_id()
        self.other_channel_id = self.new_id()
        # Discord refuses an initial response later than this after the interaction
        # (404 "Unknown interaction", code 10062); the stand-in does the same.
        self.deadline = 3.0

        self.requests: list[Recorded] = []
        self.messages: dict[int, dict[str, Any]] = {}  # messages the bot created
        self.interactions: dict[str, Interaction] = {}  # by token
        self.originals: dict[str, int] = {}  # interaction token -> original response message id
        self.identify: dict[str, Any] | None = None
        self.identified = asyncio.Event()
        self.guild_sent = asyncio.Event()
        self.commands: dict[str | None, list[dict[str, Any]]] = {}  # guild id (or None) -> synced

        self._changed = asyncio.Condition()
        self._ws: web.WebSocketResponse | None = None
        self._sockets: set[web.WebSocketResponse] = set()
        self._seq = 0
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle ---

    def new_id(self) -> int:
        return next(self._ids)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> FakeDiscord:
        # uploads up to the attachment_size_limit the interactions announce (8 MiB) fit
        app = web.Application(middlewares=[self._record], client_max_size=32 * 1024 * 1024)
        api = "/api/v10"
        app.router.add_get("/gateway", self._gateway)
        routes = [
            ("GET", "/gateway/bot", self._get_gateway_bot),
            ("GET", "/gateway", self._get_gateway),
            ("GET", "/users/@me", self._get_me),
            ("POST", "/users/@me/channels", self._create_dm),
            ("GET", "/users/{uid}", self._get_user),
            ("GET", "/applications/@me", self._get_application),
            ("GET", "/oauth2/applications/@me", self._get_application),
            ("POST", "/interactions/{iid}/{token}/callback", self._interaction_callback),
            ("POST", "/webhooks/{app}/{token}", self._followup),
            ("GET", "/webhooks/{app}/{token}/messages/{mid}", self._get_webhook_message),
            ("PATCH", "/webhooks/{app}/{token}/messages/{mid}", self._edit_webhook_message),
            ("DELETE", "/webhooks/{app}/{token}/messages/{mid}", self._no_content),
            ("POST", "/channels/{cid}/messages", self._create_message),
            ("PATCH", "/channels/{cid}/messages/{mid}", self._edit_channel_message),
            ("DELETE", "/channels/{cid}/messages/{mid}", self._no_content),
            ("PUT", "/channels/{cid}/messages/{mid}/reactions/{emoji}/@me", self._no_content),
            ("DELETE", "/channels/{cid}/messages/{mid}/reactions/{emoji}/@me", self._no_content),
            ("POST", "/channels/{cid}/typing", self._no_content),
            ("PUT", "/applications/{app}/commands", self._sync_commands),
            ("PUT", "/applications/{app}/guilds/{gid}/commands", self._sync_commands),
            ("GET", "/applications/{app}/commands", self._get_commands),
            ("GET", "/applications/{app}/guilds/{gid}/commands", self._get_commands),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, api + path, handler)
        app.router.add_route("*", api + "/{tail:.*}", self._unknown)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- recording ---

    @web.middleware
    async def _record(
        self, request: web.Request, handler: Callable[..., Any]
    ) -> web.StreamResponse:
        if not request.path.startswith("/api/"):
            return await handler(request)
        body: Any = None
        files: list[tuple[str, bytes]] = []
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            for name, value in form.items():
                if name == "payload_json":
                    body = json.loads(str(value))
                elif isinstance(value, web.FileField):
                    files.append((value.filename, value.file.read()))
        elif request.can_read_body:
            raw = await request.read()
            body = json.loads(raw) if raw else None
        path = request.path.split("/api/v10", 1)[-1]
        recorded = Recorded(
            request.method,
            path,
            dict(request.query),
            body,
            files,
            request.headers.get("Authorization"),
        )
        request[RECORDED] = recorded
        if self._needs_bot_auth(path) and recorded.authorization != f"Bot {self.token}":
            self._append(recorded)
            await self._notify()
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        try:
            return await handler(request)
        finally:
            self._append(recorded)
            await self._notify()

    @staticmethod
    def _needs_bot_auth(path: str) -> bool:
        return not (path.startswith("/interactions/") or path.startswith("/webhooks/"))

    def _append(self, recorded: Recorded) -> None:
        self.requests.append(recorded)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(
        self, predicate: Callable[[Recorded], bool], *, timeout: float = 10.0
    ) -> Recorded:
        """The first recorded request (already made or still to come) matching ``predicate``."""

        def find() -> Recorded | None:
            return next((r for r in self.requests if predicate(r)), None)

        async def wait() -> Recorded:
            async with self._changed:
                while (found := find()) is None:
                    await self._changed.wait()
                return found

        try:
            return await asyncio.wait_for(wait(), timeout)
        except TimeoutError:
            seen = "\n  ".join(repr(r) for r in self.requests[-15:])
            raise AssertionError(
                f"no matching request within {timeout}s; last ones:\n  {seen}"
            ) from None

    def find(self, predicate: Callable[[Recorded], bool]) -> list[Recorded]:
        return [r for r in self.requests if predicate(r)]

    async def callback(self, interaction: Interaction, *, timeout: float = 10.0) -> Recorded:
        """The bot's response (callback) to ``interaction``."""
        prefix = f"/interactions/{interaction.id}/{interaction.token}/callback"
        return await self.wait_for(
            lambda r: r.method == "POST" and r.path == prefix, timeout=timeout
        )

    async def followup(
        self, interaction: Interaction, *, index: int = 0, timeout: float = 10.0
    ) -> Recorded:
        """The ``index``-th followup message the bot sent for ``interaction``."""
        path = f"/webhooks/{self.application_id}/{interaction.token}"

        def match(r: Recorded) -> bool:
            return r.method == "POST" and r.path == path

        async def nth() -> Recorded:
            while len(self.find(match)) <= index:
                await self.wait_for(lambda r: len(self.find(match)) > index, timeout=timeout)
            return self.find(match)[index]

        return await nth()

    async def original_edit(self, interaction: Interaction, *, timeout: float = 10.0) -> Recorded:
        path = f"/webhooks/{self.application_id}/{interaction.token}/messages/@original"
        return await self.wait_for(
            lambda r: r.method == "PATCH" and r.path == path, timeout=timeout
        )

    def unanswered(self, interactions: list[Interaction]) -> list[Interaction]:
        """Those of ``interactions`` with no initial response, or one after the deadline."""
        return [i for i in interactions if i.responded_at is None or i.late]

    def sent_messages(self, channel_id: int | None = None) -> list[Recorded]:
        channel = channel_id or self.channel_id
        return self.find(lambda r: r.method == "POST" and r.path == f"/channels/{channel}/messages")

    # --- payloads ---

    def role_payloads(self) -> list[dict[str, Any]]:
        def role(role_id: int, name: str, permissions: int, position: int) -> dict[str, Any]:
            return {
                "id": str(role_id),
                "name": name,
                "permissions": str(permissions),
                "position": position,
                "color": 0,
                "colors": {"primary_color": 0},
                "hoist": False,
                "managed": False,
                "mentionable": False,
                "flags": 0,
                "icon": None,
                "unicode_emoji": None,
            }

        return [
            role(self.guild_id, "@everyone", MEMBER_PERMISSIONS, 0),
            role(self.moderator_role_id, "Fact moderators", MEMBER_PERMISSIONS, 1),
        ]

    def channel_payload(self, channel_id: int | None = None) -> dict[str, Any]:
        channel_id = channel_id or self.channel_id
        name = "ask" if channel_id == self.ask_channel_id else "general"
        guild_id = self.other_guild_id if channel_id == self.other_channel_id else self.guild_id
        return {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(guild_id),
            "name": name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }

    def guild_payload(self, guild_id: int | None = None) -> dict[str, Any]:
        other = guild_id == self.other_guild_id
        payload = self._guild_payload()
        if other:
            roles = self.role_payloads()[:1]
            roles[0]["id"] = str(self.other_guild_id)
            payload.update(
                id=str(self.other_guild_id),
                name="Other server",
                roles=roles,
                channels=[self.channel_payload(self.other_channel_id)],
            )
        return payload

    def _guild_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.guild_id),
            "name": "Test server",
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner.id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "vanity_url_code": None,
            "preferred_locale": "en-US",
            "features": [],
            "roles": self.role_payloads(),
            "emojis": [],
            "stickers": [],
            "application_id": None,
            "max_members": 500000,
            "premium_progress_bar_enabled": False,
            "joined_at": "2022-01-01T00:00:00+00:00",
            "large": False,
            "unavailable": False,
            "member_count": 5,
            "voice_states": [],
            "members": [self.bot_user.member()],
            "presences": [],
            "threads": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "channels": [
                self.channel_payload(self.channel_id),
                self.channel_payload(self.ask_channel_id),
            ],
        }

    def message_payload(
        self,
        body: dict[str, Any],
        *,
        channel_id: int,
        author: FakeUser,
        files: list[tuple[str, bytes]] = (),
    ) -> dict[str, Any]:  # type: ignore[assignment]
        mid = self.new_id()
        attachments = [
            {
                "id": str(self.new_id()),
                "filename": name,
                "size": len(data),
                "url": f"{self.base_url}/attachments/{name}",
                "proxy_url": f"{self.base_url}/p/{name}",
            }
            for name, data in files
        ]
        message = {
            "id": str(mid),
            "channel_id": str(channel_id),
            "guild_id": str(self.guild_id),
            "author": author.payload(),
            "content": body.get("content") or "",
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": attachments,
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 19 if body.get("message_reference") else 0,
            "flags": body.get("flags") or 0,
        }
        if body.get("message_reference"):
            message["message_reference"] = body["message_reference"]
        self.messages[mid] = message
        return message

    # --- gateway ---

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.add(ws)
        await ws.send_json({"op": 10, "s": None, "t": None, "d": {"heartbeat_interval": 41250}})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                data = json.loads(msg.data)
                op = data.get("op")
                if op == 1:
                    await ws.send_json({"op": 11, "s": None, "t": None, "d": None})
                elif op == 2:
                    await self._on_identify(ws, data["d"])
                elif op == 6:
                    self._ws = ws
                    await self._send(ws, "RESUMED", {})
        finally:
            self._sockets.discard(ws)
            if self._ws is ws:
                self._ws = None
        return ws

    async def _on_identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        self.identify = data
        if data.get("token") != self.token or self.reject_identify:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        if self.refuse_message_content and data.get("intents", 0) & (1 << 15):
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        self._ws = ws
        self.identified.set()
        ready = {
            "v": 10,
            "user": self.bot_user.payload(),
            "guilds": [
                {"id": str(self.guild_id), "unavailable": True},
                {"id": str(self.other_guild_id), "unavailable": True},
            ],
            "session_id": "stand-in-session",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        if data.get("shard"):
            ready["shard"] = data["shard"]
        await self._send(ws, "READY", ready)
        await self._send(ws, "GUILD_CREATE", self.guild_payload())
        await self._send(ws, "GUILD_CREATE", self.guild_payload(self.other_guild_id))
        self.guild_sent.set()

    async def _send(self, ws: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        self._seq += 1
        await ws.send_json({"op": 0, "s": self._seq, "t": event, "d": data})

    async def wait_connected(self, timeout: float = 10.0) -> None:
        await asyncio.wait_for(self.guild_sent.wait(), timeout)

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        await self.wait_connected()
        assert self._ws is not None, "the bot is not connected"
        await self._send(self._ws, event, data)

    # --- what users do ---

    async def interact(
        self,
        type_: int,
        data: dict[str, Any],
        *,
        user: FakeUser,
        message: dict[str, Any] | None = None,
        channel_id: int | None = None,
        guild_id: int | None = None,
    ) -> Interaction:
        """``guild_id``: another server than :attr:`guild_id` (one the bot's cache does not
        know; only the interaction's own payload describes it)."""
        iid = self.new_id()
        token = f"interaction-token-{iid}"
        guild_id = guild_id or self.guild_id
        if channel_id is None and guild_id == self.other_guild_id:
            channel_id = self.other_channel_id
        if "guild_id" in data:
            data = {**data, "guild_id": str(guild_id)}
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.application_id),
            "type": type_,
            "data": data,
            "guild_id": str(guild_id),
            "channel_id": str(channel_id or self.channel_id),
            "channel": self.channel_payload(channel_id),
            "member": user.member(),
            "token": token,
            "version": 1,
            "app_permissions": str(ALL_PERMISSIONS),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild_id)},
            "context": 0,
            "attachment_size_limit": 8 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message
        interaction = Interaction(iid, token, type_, user, payload)
        self.interactions[token] = interaction
        interaction.created_at = asyncio.get_running_loop().time()
        await self.dispatch("INTERACTION_CREATE", payload)
        return interaction

    @staticmethod
    def _options(
        options: dict[str, Any] | None, focused: str | None = None
    ) -> list[dict[str, Any]]:
        out = []
        for name, value in (options or {}).items():
            kind = 5 if isinstance(value, bool) else 4 if isinstance(value, int) else 3
            if isinstance(value, float):
                kind = 10
            if isinstance(value, ChannelOption):
                kind, value = 7, str(value.channel_id)
            option: dict[str, Any] = {"name": name, "type": kind, "value": value}
            if name == focused:
                option["focused"] = True
            out.append(option)
        return out

    def _command_data(
        self,
        name: str,
        options: dict[str, Any] | None,
        subcommand: str | None,
        focused: str | None = None,
        guild_id: int | None = None,
    ) -> dict[str, Any]:
        opts = self._options(options, focused)
        if subcommand is not None:
            opts = [{"name": subcommand, "type": 1, "options": opts}]
        data: dict[str, Any] = {
            "id": str(self.new_id()),
            "name": name,
            "type": 1,
            "options": opts,
            "guild_id": str(guild_id or self.guild_id),
        }
        channels = [v for v in (options or {}).values() if isinstance(v, ChannelOption)]
        if channels:
            data["resolved"] = {
                "channels": {
                    str(c.channel_id): {
                        **self.channel_payload(c.channel_id),
                        "permissions": str(ALL_PERMISSIONS),
                    }
                    for c in channels
                }
            }
        return data

    async def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        subcommand: str | None = None,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        guild_id: int | None = None,
    ) -> Interaction:
        """A user runs ``/name [subcommand] options...`` (in ``guild_id``, default ours)."""
        return await self.interact(
            APPLICATION_COMMAND,
            self._command_data(name, options, subcommand, guild_id=guild_id),
            user=user or self.member,
            channel_id=channel_id,
            guild_id=guild_id,
        )

    async def autocomplete(
        self,
        name: str,
        options: dict[str, Any],
        focused: str,
        *,
        subcommand: str | None = None,
        user: FakeUser | None = None,
        guild_id: int | None = None,
    ) -> Interaction:
        return await self.interact(
            AUTOCOMPLETE,
            self._command_data(name, options, subcommand, focused, guild_id=guild_id),
            user=user or self.member,
            guild_id=guild_id,
        )

    @staticmethod
    def modal_inputs(callback: Recorded) -> dict[str, str]:
        """label text -> text input custom_id, from a MODAL callback the bot sent."""
        assert callback.json["type"] == MODAL, callback
        inputs: dict[str, str] = {}
        for component in callback.json["data"]["components"]:
            if component["type"] == 18:  # label
                inputs[component["label"]] = component["component"]["custom_id"]
            elif component["type"] == 1:  # action row (older style)
                for child in component["components"]:
                    inputs[child.get("label") or child["custom_id"]] = child["custom_id"]
        return inputs

    async def submit_modal(
        self,
        callback: Recorded,
        values: dict[str, str],
        *,
        user: FakeUser | None = None,
        guild_id: int | None = None,
    ) -> Interaction:
        """A user fills in the modal the bot opened (``values`` keyed by label) and submits.

        Inputs not in ``values`` are submitted with their pre-filled value (or empty).
        """
        inputs = self.modal_inputs(callback)
        unknown = set(values) - set(inputs)
        assert not unknown, f"no such inputs {unknown}; the modal has {list(inputs)}"
        defaults = {}
        for component in callback.json["data"]["components"]:
            inner = component.get("component") or {}
            defaults[inner.get("custom_id")] = inner.get("value") or ""
        components = [
            {
                "type": 18,
                "id": index + 1,
                "component": {
                    "type": 4,
                    "id": index + 100,
                    "custom_id": custom_id,
                    "value": values.get(label, defaults.get(custom_id, "")),
                },
            }
            for index, (label, custom_id) in enumerate(inputs.items())
        ]
        data = {"custom_id": callback.json["data"]["custom_id"], "components": components}
        return await self.interact(
            MODAL_SUBMIT, data, user=user or self.member, guild_id=guild_id
        )

    async def click(
        self, message: dict[str, Any], custom_id: str, *, user: FakeUser | None = None
    ) -> Interaction:
        """A user presses the button ``custom_id`` on ``message`` (a message the bot made)."""
        return await self.interact(
            MESSAGE_COMPONENT,
            {"custom_id": custom_id, "component_type": 2},
            user=user or self.member,
            message=message,
        )

    async def choose(
        self,
        message: dict[str, Any],
        custom_id: str,
        values: list[str],
        *,
        user: FakeUser | None = None,
    ) -> Interaction:
        """A user picks ``values`` in the select menu ``custom_id`` on ``message``."""
        return await self.interact(
            MESSAGE_COMPONENT,
            {"custom_id": custom_id, "component_type": 3, "values": values},
            user=user or self.member,
            message=message,
        )

    async def say(
        self,
        content: str,
        *,
        user: FakeUser | None = None,
        channel_id: int | None = None,
        mention_bot: bool = False,
    ) -> dict[str, Any]:
        """A user posts a message; ``mention_bot`` puts ``<@bot>`` in front of it."""
        user = user or self.member
        if mention_bot:
            content = f"<@{self.bot_user.id}> {content}"
        mentions = []
        if f"<@{self.bot_user.id}>" in content:
            mentions.append(
                {**self.bot_user.payload(), "member": self.bot_user.member(with_user=False)}
            )
        message = {
            "id": str(self.new_id()),
            "channel_id": str(channel_id or self.channel_id),
            "guild_id": str(self.guild_id),
            "author": user.payload(),
            "member": user.member(with_user=False),
            "content": content,
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": mentions,
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "components": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
        }
        await self.dispatch("MESSAGE_CREATE", message)
        return message

    # --- REST handlers ---

    async def _get_gateway_bot(self, request: web.Request) -> web.Response:
        return _json(
            {
                "url": self.gateway_url,
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def _get_gateway(self, request: web.Request) -> web.Response:
        return _json({"url": self.gateway_url})

    async def _get_me(self, request: web.Request) -> web.Response:
        if self.reject_token:
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return _json(self.bot_user.payload())

    def _users(self) -> dict[int, FakeUser]:
        return {u.id: u for u in (self.member, self.moderator, self.admin, self.owner)}

    async def _get_user(self, request: web.Request) -> web.Response:
        user = self._users().get(int(request.match_info["uid"]))
        if user is None:
            return _json({"message": "Unknown User", "code": 10013}, status=404)
        return _json(user.payload())

    async def _create_dm(self, request: web.Request) -> web.Response:
        """A DM channel with a user; its id is the user's id plus one (see :meth:`dm_id`)."""
        recorded: Recorded = request[RECORDED]
        user = self._users().get(int((recorded.json or {}).get("recipient_id", 0)))
        if user is None:
            return _json({"message": "Unknown User", "code": 10013}, status=404)
        if self.closed_dms:
            return _json(
                {"message": "Cannot send messages to this user", "code": 50007}, status=403
            )
        return _json(
            {
                "id": str(self.dm_id(user)),
                "type": 1,
                "last_message_id": None,
                "recipients": [user.payload()],
            }
        )

    @staticmethod
    def dm_id(user: FakeUser) -> int:
        """The id of the bot's DM channel with ``user``."""
        return user.id + 1

    async def _get_application(self, request: web.Request) -> web.Response:
        return _json(
            {
                "id": str(self.application_id),
                "name": "factbot",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.owner.payload(),
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "summary": "",
                "rpc_origins": [],
                "interactions_endpoint_url": None,
                "bot": self.bot_user.payload(),
            }
        )

    async def _no_content(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _unknown(self, request: web.Request) -> web.Response:
        return _json({"message": "Unknown route (stand-in)", "code": 0}, status=404)

    def _interaction_for(self, token: str) -> Interaction:
        return self.interactions[token]

    async def _interaction_callback(self, request: web.Request) -> web.Response:
        recorded: Recorded = request[RECORDED]
        token = request.match_info["token"]
        interaction = self._interaction_for(token)
        if interaction.responded_at is not None:
            return _json({"message": "Interaction has already been acknowledged.",
                          "code": 40060}, status=400)
        interaction.responded_at = asyncio.get_running_loop().time()
        if interaction.responded_at - interaction.created_at > self.deadline:
            interaction.late = True
            return _json({"message": "Unknown interaction", "code": 10062}, status=404)
        body = recorded.json or {}
        kind = body.get("type")
        data = body.get("data") or {}
        result: dict[str, Any] = {
            "interaction": {
                "id": str(interaction.id),
                "type": interaction.type,
                "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
                "response_message_ephemeral": bool((data.get("flags") or 0) & EPHEMERAL),
            }
        }
        channel_id = int(interaction.payload["channel_id"])
        if kind in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE):
            message = self.message_payload(
                data, channel_id=channel_id, author=self.bot_user, files=recorded.files
            )
            message["interaction_metadata"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": interaction.user.payload(),
                "authorizing_integration_owners": {},
            }
            self.originals[token] = int(message["id"])
            result["interaction"]["response_message_id"] = message["id"]
            result["resource"] = {"type": kind, "message": message}
        elif kind in (UPDATE_MESSAGE, DEFERRED_UPDATE_MESSAGE):
            source = interaction.payload.get("message")
            if source is not None:
                message = self.messages.get(int(source["id"]), source)
                message.update(
                    {k: v for k, v in data.items() if k in ("content", "embeds", "components")}
                )
                result["resource"] = {"type": kind, "message": message}
        return _json(result)

    async def _followup(self, request: web.Request) -> web.Response:
        recorded: Recorded = request[RECORDED]
        interaction = self._interaction_for(request.match_info["token"])
        message = self.message_payload(
            recorded.json or {},
            channel_id=int(interaction.payload["channel_id"]),
            author=self.bot_user,
            files=recorded.files,
        )
        if request.query.get("wait") in ("true", "1", "True"):
            return _json(message)
        return web.Response(status=204)

    def _webhook_message(self, token: str, mid: str) -> dict[str, Any] | None:
        if mid == "@original":
            original = self.originals.get(token)
            return self.messages.get(original) if original is not None else None
        return self.messages.get(int(mid))

    async def _get_webhook_message(self, request: web.Request) -> web.Response:
        message = self._webhook_message(request.match_info["token"], request.match_info["mid"])
        if message is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        return _json(message)

    async def _edit_webhook_message(self, request: web.Request) -> web.Response:
        recorded: Recorded = request[RECORDED]
        message = self._webhook_message(request.match_info["token"], request.match_info["mid"])
        if message is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        body = recorded.json or {}
        for key in ("content", "embeds", "components"):
            if key in body:
                empty: Any = "" if key == "content" else []
                message[key] = body[key] if body[key] is not None else empty
        message["flags"] = message.get("flags", 0) & ~128  # no longer "thinking"
        message["edited_timestamp"] = _now()
        return _json(message)

    async def _create_message(self, request: web.Request) -> web.Response:
        recorded: Recorded = request[RECORDED]
        message = self.message_payload(
            recorded.json or {},
            channel_id=int(request.match_info["cid"]),
            author=self.bot_user,
            files=recorded.files,
        )
        return _json(message)

    async def _edit_channel_message(self, request: web.Request) -> web.Response:
        recorded: Recorded = request[RECORDED]
        message = self.messages.get(int(request.match_info["mid"]))
        if message is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        message.update(recorded.json or {})
        return _json(message)

    async def _sync_commands(self, request: web.Request) -> web.Response:
        recorded: Recorded = request[RECORDED]
        guild = request.match_info.get("gid")
        result = []
        for command in recorded.json or []:
            result.append(
                {
                    **command,
                    "id": str(self.new_id()),
                    "application_id": str(self.application_id),
                    "version": "1",
                    "guild_id": guild,
                    "default_member_permissions": command.get("default_member_permissions"),
                }
            )
        self.commands[guild] = result
        return _json(result)

    async def _get_commands(self, request: web.Request) -> web.Response:
        return _json(self.commands.get(request.match_info.get("gid"), []))
