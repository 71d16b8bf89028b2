// Every test file starts like a server process: the write subscribers registered (lib/startup).
import { installSubscribers } from "@/lib/startup";

installSubscribers();
