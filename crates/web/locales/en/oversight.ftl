# Invitations to the expert council and the monitoring group (separation of duties).
oversight-invitation-expert-council = Invitation to the expert council: { $cycle }
oversight-invitation-monitoring-group = Invitation to the monitoring group: { $cycle }
oversight-invitation-from = Invited by { $name } on { $date }
oversight-invitations-title = Expert councils and monitoring groups
oversight-invitations-none = No invitation is waiting for your answer.
oversight-invitations-explain = You become a member only when you accept; until then you have no powers in the council or group. Nobody holds two of a cycle's three duties: coordinator, expert council member, monitoring group member.
oversight-accept = Accept
oversight-decline = Decline
oversight-seats-title = Where you are a member
oversight-accepted = You have accepted the invitation and are now a member.
oversight-declined = You have declined the invitation.
oversight-refused-yourself = You cannot invite yourself.
oversight-refused-coordinator = A coordinator of this cycle's territory (or an administrator) cannot also sit on its expert council or monitoring group.
oversight-refused-council-member = A member of this cycle's expert council cannot also sit on its monitoring group.
oversight-refused-group-member = A member of this cycle's monitoring group cannot also sit on its expert council.
oversight-invitees-title = Invited, no answer yet
oversight-invite-explain = The person sees the invitation on their account page and becomes a member only when they accept it. A coordinator of the cycle's territory, an administrator, a member of the cycle's other body, or you yourself cannot be invited.
