import { z } from "zod";
import { markResidentNewsSeen } from "#app/dossiers/casework/resident-news.server";

export const newsSeenSchema = () => z.object({ intent: z.literal("mark_news_seen") });

export const newsHandlers = { mark_news_seen: markResidentNewsSeen };
