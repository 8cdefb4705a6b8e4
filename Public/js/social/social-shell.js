// What only a signed-in player has on every screen: the social store (friends, chat and
// notifications, live), the chat dock, the bell, and the cards for game invitations and
// tournament calls. main.js loads this module when someone signs in, so a visitor's first
// load carries none of it.
import { follow } from "./store.js";
import { mountChatDock, setDockVisible, setOpen, closeOnPhone } from "./chat-dock.js";
import { mountNotificationBell, setBellVisible } from "./notification-bell.js";
import { mountInvitationCenter } from "../play/invitation-center.js";
import { mountCallCenter } from "../tournament/call-center.js";

export { setOpen as setChatOpen, closeOnPhone as closeChatOnPhone };

let mounted = false;

/// Mounts everything once, then follows whoever is signed in (or no one, after signing out).
export function showFor(current) {
  if (!mounted) {
    mountChatDock();
    mountNotificationBell();
    mountInvitationCenter();
    mountCallCenter();
    mounted = true;
  }
  follow(current);
  setDockVisible(Boolean(current));
  setBellVisible(Boolean(current));
}
