-- A Senlin 16.0.0 database made by the Senlin anchor through its REST API;
-- recorded by tests/functional/senlin16/record.py (see there).
/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
DROP TABLE IF EXISTS `action`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `action` (
  `id` varchar(36) NOT NULL,
  `name` varchar(63) DEFAULT NULL,
  `context` longtext DEFAULT NULL,
  `target` varchar(36) DEFAULT NULL,
  `action` text DEFAULT NULL,
  `cause` varchar(255) DEFAULT NULL,
  `owner` varchar(36) DEFAULT NULL,
  `interval` int(11) DEFAULT NULL,
  `start_time` decimal(18,6) DEFAULT NULL,
  `end_time` decimal(18,6) DEFAULT NULL,
  `timeout` int(11) DEFAULT NULL,
  `control` varchar(255) DEFAULT NULL,
  `status` varchar(255) DEFAULT NULL,
  `status_reason` text DEFAULT NULL,
  `inputs` longtext DEFAULT NULL,
  `outputs` longtext DEFAULT NULL,
  `depends_on` longtext DEFAULT NULL,
  `depended_by` longtext DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `data` longtext DEFAULT NULL,
  `user` varchar(64) DEFAULT NULL,
  `project` varchar(64) DEFAULT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `cluster_id` varchar(36) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `alembic_version`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `alembic_version` (
  `version_num` varchar(32) NOT NULL,
  PRIMARY KEY (`version_num`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `cluster`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `cluster` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) NOT NULL,
  `profile_id` varchar(36) NOT NULL,
  `user` varchar(64) NOT NULL,
  `project` varchar(64) NOT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `parent` varchar(36) DEFAULT NULL,
  `init_at` datetime DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `min_size` int(11) DEFAULT NULL,
  `max_size` int(11) DEFAULT NULL,
  `desired_capacity` int(11) DEFAULT NULL,
  `next_index` int(11) DEFAULT NULL,
  `timeout` int(11) DEFAULT NULL,
  `status` varchar(255) DEFAULT NULL,
  `status_reason` text DEFAULT NULL,
  `meta_data` longtext DEFAULT NULL,
  `data` longtext DEFAULT NULL,
  `dependents` longtext DEFAULT NULL,
  `config` longtext DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `profile_id` (`profile_id`),
  CONSTRAINT `cluster_ibfk_1` FOREIGN KEY (`profile_id`) REFERENCES `profile` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `cluster_lock`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `cluster_lock` (
  `cluster_id` varchar(36) NOT NULL,
  `action_ids` longtext DEFAULT NULL,
  `semaphore` int(11) DEFAULT NULL,
  PRIMARY KEY (`cluster_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `cluster_policy`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `cluster_policy` (
  `id` varchar(36) NOT NULL,
  `cluster_id` varchar(36) NOT NULL,
  `policy_id` varchar(36) NOT NULL,
  `cooldown` int(11) DEFAULT NULL,
  `priority` int(11) DEFAULT NULL,
  `level` int(11) DEFAULT NULL,
  `enabled` tinyint(1) DEFAULT NULL,
  `data` longtext DEFAULT NULL,
  `last_op` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `cluster_id` (`cluster_id`),
  KEY `policy_id` (`policy_id`),
  CONSTRAINT `cluster_policy_ibfk_1` FOREIGN KEY (`cluster_id`) REFERENCES `cluster` (`id`),
  CONSTRAINT `cluster_policy_ibfk_2` FOREIGN KEY (`policy_id`) REFERENCES `policy` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `credential`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `credential` (
  `user` varchar(64) NOT NULL,
  `project` varchar(64) NOT NULL,
  `cred` longtext NOT NULL,
  `data` longtext DEFAULT NULL,
  PRIMARY KEY (`user`,`project`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `dependency`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `dependency` (
  `id` varchar(36) NOT NULL,
  `depended` varchar(36) NOT NULL,
  `dependent` varchar(36) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `depended` (`depended`),
  KEY `dependent` (`dependent`),
  CONSTRAINT `dependency_ibfk_1` FOREIGN KEY (`depended`) REFERENCES `action` (`id`),
  CONSTRAINT `dependency_ibfk_2` FOREIGN KEY (`dependent`) REFERENCES `action` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `event`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `event` (
  `id` varchar(36) NOT NULL,
  `timestamp` datetime NOT NULL,
  `oid` varchar(36) DEFAULT NULL,
  `oname` varchar(255) DEFAULT NULL,
  `otype` varchar(36) DEFAULT NULL,
  `cluster_id` varchar(36) DEFAULT NULL,
  `level` varchar(63) DEFAULT NULL,
  `user` varchar(64) DEFAULT NULL,
  `project` varchar(64) DEFAULT NULL,
  `action` varchar(36) DEFAULT NULL,
  `status` varchar(255) DEFAULT NULL,
  `status_reason` text DEFAULT NULL,
  `meta_data` longtext DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `health_registry`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `health_registry` (
  `id` varchar(36) NOT NULL,
  `cluster_id` varchar(36) NOT NULL,
  `check_type` varchar(255) DEFAULT NULL,
  `interval` int(11) DEFAULT NULL,
  `params` longtext DEFAULT NULL,
  `engine_id` varchar(36) DEFAULT NULL,
  `enabled` tinyint(1) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `cluster_id` (`cluster_id`),
  CONSTRAINT `health_registry_ibfk_1` FOREIGN KEY (`cluster_id`) REFERENCES `cluster` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `node`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `node` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `physical_id` varchar(36) DEFAULT NULL,
  `cluster_id` varchar(36) DEFAULT NULL,
  `profile_id` varchar(36) NOT NULL,
  `user` varchar(64) DEFAULT NULL,
  `project` varchar(64) DEFAULT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `index` int(11) DEFAULT NULL,
  `role` varchar(64) DEFAULT NULL,
  `init_at` datetime DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `status` varchar(255) DEFAULT NULL,
  `status_reason` text DEFAULT NULL,
  `meta_data` longtext DEFAULT NULL,
  `data` longtext DEFAULT NULL,
  `dependents` longtext DEFAULT NULL,
  `tainted` tinyint(1) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `profile_id` (`profile_id`),
  CONSTRAINT `node_ibfk_1` FOREIGN KEY (`profile_id`) REFERENCES `profile` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `node_lock`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `node_lock` (
  `node_id` varchar(36) NOT NULL,
  `action_id` varchar(36) DEFAULT NULL,
  PRIMARY KEY (`node_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `policy`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `policy` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `type` varchar(255) DEFAULT NULL,
  `user` varchar(64) NOT NULL,
  `project` varchar(64) NOT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `cooldown` int(11) DEFAULT NULL,
  `level` int(11) DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `spec` longtext DEFAULT NULL,
  `data` longtext DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `profile`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `profile` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `type` varchar(255) DEFAULT NULL,
  `context` longtext DEFAULT NULL,
  `spec` longtext DEFAULT NULL,
  `user` varchar(64) NOT NULL,
  `project` varchar(64) NOT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `permission` varchar(32) DEFAULT NULL,
  `meta_data` longtext DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `receiver`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `receiver` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `type` varchar(255) DEFAULT NULL,
  `user` varchar(64) DEFAULT NULL,
  `project` varchar(64) DEFAULT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `cluster_id` varchar(36) DEFAULT NULL,
  `actor` longtext DEFAULT NULL,
  `action` text DEFAULT NULL,
  `params` longtext DEFAULT NULL,
  `channel` longtext DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `service`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `service` (
  `id` varchar(36) NOT NULL,
  `host` varchar(255) DEFAULT NULL,
  `binary` varchar(255) DEFAULT NULL,
  `topic` varchar(255) DEFAULT NULL,
  `disabled` tinyint(1) DEFAULT NULL,
  `disabled_reason` varchar(255) DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `alembic_version` DISABLE KEYS */;
INSERT INTO `alembic_version` VALUES ('004f8202c264');
/*!40000 ALTER TABLE `alembic_version` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `profile` DISABLE KEYS */;
INSERT INTO `profile` VALUES ('19596667-4c62-45c3-bf51-ece91c22beb4','api-server','os.nova.server-1.0','{\"auth_url\": \"http://127.0.0.1:5000/v3\", \"username\": \"senlin\", \"password\": \"senlin\", \"user_domain_name\": \"Default\", \"verify\": true, \"interface\": \"public\"}','{\"type\": \"os.nova.server\", \"version\": \"1.0\", \"properties\": {\"flavor\": \"m1.tiny\", \"image\": \"155d900f-4e14-4e4c-a73d-069cbf4541e6\", \"name\": \"web\", \"networks\": [], \"metadata\": {\"tier\": \"web\"}}}','senlin16-user-b','senlin16-b',NULL,NULL,'{}','2026-12-06 15:16:49',NULL);
INSERT INTO `profile` VALUES ('22ea4899-024c-4864-8df0-2ee941dfc1e2','slow-server','os.nova.server-1.0','{\"auth_url\": \"http://127.0.0.1:5000/v3\", \"username\": \"senlin\", \"password\": \"senlin\", \"user_domain_name\": \"Default\", \"verify\": true, \"interface\": \"public\"}','{\"type\": \"os.nova.server\", \"version\": \"1.0\", \"properties\": {\"flavor\": \"m1.tiny\", \"image\": \"155d900f-4e14-4e4c-a73d-069cbf4541e6\", \"name\": \"web\", \"networks\": [], \"metadata\": {\"tier\": \"web\", \"simulated_wait_time\": 60}}}','senlin16-user-c','senlin16-c',NULL,NULL,'{}','2026-12-06 15:16:59',NULL);
INSERT INTO `profile` VALUES ('29ba2497-b04d-42e8-8837-554ff7167069','web-server','os.nova.server-1.0','{\"auth_url\": \"http://127.0.0.1:5000/v3\", \"username\": \"senlin\", \"password\": \"senlin\", \"user_domain_name\": \"Default\", \"verify\": true, \"interface\": \"public\"}','{\"type\": \"os.nova.server\", \"version\": \"1.0\", \"properties\": {\"flavor\": \"m1.tiny\", \"image\": \"155d900f-4e14-4e4c-a73d-069cbf4541e6\", \"name\": \"web\", \"networks\": [], \"metadata\": {\"tier\": \"web\"}}}','senlin16-user-a','senlin16-a',NULL,NULL,'{\"owner\": \"ops\"}','2026-12-06 15:16:16',NULL);
INSERT INTO `profile` VALUES ('83329e96-c14c-4cfc-a388-18cdae026b61','stack','os.heat.stack-1.0','{\"auth_url\": \"http://127.0.0.1:5000/v3\", \"username\": \"senlin\", \"password\": \"senlin\", \"user_domain_name\": \"Default\", \"verify\": true, \"interface\": \"public\"}','{\"type\": \"os.heat.stack\", \"version\": \"1.0\", \"properties\": {\"template\": {\"heat_template_version\": \"2016-04-08\", \"resources\": {\"random\": {\"type\": \"OS::Heat::RandomString\"}}}, \"parameters\": {}, \"timeout\": 60}}','senlin16-user-b','senlin16-b',NULL,NULL,'{}','2026-12-06 15:16:44',NULL);
/*!40000 ALTER TABLE `profile` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `policy` DISABLE KEYS */;
INSERT INTO `policy` VALUES ('9611b0d3-1e71-48b7-a8d4-5699a6efad8a','scale-out','senlin.policy.scaling-1.0','senlin16-user-a','senlin16-a',NULL,NULL,NULL,'2026-12-06 15:16:21',NULL,'{\"type\": \"senlin.policy.scaling\", \"version\": \"1.0\", \"properties\": {\"event\": \"CLUSTER_SCALE_OUT\", \"adjustment\": {\"type\": \"CHANGE_IN_CAPACITY\", \"number\": 1, \"cooldown\": 0}}}','{}');
INSERT INTO `policy` VALUES ('bbe7e0ad-538b-4cf9-9f2f-a306a938f918','lb','senlin.policy.loadbalance-1.1','senlin16-user-b','senlin16-b',NULL,NULL,NULL,'2026-12-06 15:16:54',NULL,'{\"type\": \"senlin.policy.loadbalance\", \"version\": \"1.1\", \"properties\": {\"pool\": {\"protocol\": \"HTTP\", \"protocol_port\": 80, \"subnet\": \"private-subnet\"}, \"vip\": {\"subnet\": \"public-subnet\", \"protocol\": \"HTTP\", \"protocol_port\": 80}}}','{}');
INSERT INTO `policy` VALUES ('caf7309f-5ec1-441b-9a4d-d0b9677b9663','scale-in','senlin.policy.scaling-1.0','senlin16-user-a','senlin16-a',NULL,NULL,NULL,'2026-12-06 15:16:22',NULL,'{\"type\": \"senlin.policy.scaling\", \"version\": \"1.0\", \"properties\": {\"event\": \"CLUSTER_SCALE_IN\", \"adjustment\": {\"type\": \"CHANGE_IN_CAPACITY\", \"number\": 1, \"cooldown\": 0}}}','{}');
INSERT INTO `policy` VALUES ('dee32d6a-0d31-449e-bb85-7cb74a689a4b','oldest-first','senlin.policy.deletion-1.1','senlin16-user-a','senlin16-a',NULL,NULL,NULL,'2026-12-06 15:16:24',NULL,'{\"type\": \"senlin.policy.deletion\", \"version\": \"1.1\", \"properties\": {\"criteria\": \"OLDEST_FIRST\", \"destroy_after_deletion\": true, \"reduce_desired_capacity\": true}}','{}');
INSERT INTO `policy` VALUES ('efbaa8cf-9cd9-4bd7-93df-a72897038009','health','senlin.policy.health-1.1','senlin16-user-a','senlin16-a',NULL,NULL,NULL,'2026-12-06 15:16:26',NULL,'{\"type\": \"senlin.policy.health\", \"version\": \"1.1\", \"properties\": {\"detection\": {\"interval\": 600, \"detection_modes\": [{\"type\": \"NODE_STATUS_POLLING\"}]}, \"recovery\": {\"actions\": [{\"name\": \"RECREATE\"}], \"fencing\": [\"COMPUTE\"]}}}','{}');
/*!40000 ALTER TABLE `policy` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `cluster` DISABLE KEYS */;
INSERT INTO `cluster` VALUES ('6d59a483-bfa0-4363-97be-2e132230e70d','api','19596667-4c62-45c3-bf51-ece91c22beb4','senlin16-user-b','senlin16-b',NULL,NULL,'2026-12-06 15:16:49','2026-12-06 15:16:53','2026-12-06 15:16:55',0,3,1,2,3600,'ACTIVE','CLUSTER_CREATE: number of active nodes is equal or above desired_capacity (1).','{}','{\"loadbalancers\": {\"bbe7e0ad-538b-4cf9-9f2f-a306a938f918\": {\"vip_address\": \"192.168.1.100\"}}}','{}','{}');
INSERT INTO `cluster` VALUES ('e154f657-4043-4bd3-b1e5-20490463fd7e','stacks','83329e96-c14c-4cfc-a388-18cdae026b61','senlin16-user-b','senlin16-b',NULL,NULL,'2026-12-06 15:16:45','2026-12-06 15:16:49','2026-12-06 15:16:49',0,-1,1,2,3600,'ACTIVE','CLUSTER_CREATE: number of active nodes is equal or above desired_capacity (1).','{}','{}','{}','{}');
INSERT INTO `cluster` VALUES ('f13228f4-a501-4592-9b26-2f42e9128ac7','web','29ba2497-b04d-42e8-8837-554ff7167069','senlin16-user-a','senlin16-a',NULL,NULL,'2026-12-06 15:16:16','2026-12-06 15:16:21','2026-12-06 15:16:43',1,6,3,5,1200,'ACTIVE','CLUSTER_DEL_NODES: number of active nodes is equal or above desired_capacity (3).','{\"app\": \"shop\"}','{}','{}','{\"node.name.format\": \"web-$3I\"}');
INSERT INTO `cluster` VALUES ('f8307655-c57a-4e8b-8d14-a1f26a189dad','slow','22ea4899-024c-4864-8df0-2ee941dfc1e2','senlin16-user-c','senlin16-c',NULL,NULL,'2026-12-06 15:16:59',NULL,NULL,0,-1,1,1,3600,'INIT','Initializing','{}','{}','{}','{}');
/*!40000 ALTER TABLE `cluster` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `node` DISABLE KEYS */;
INSERT INTO `node` VALUES ('120e6245-b84d-411a-b11a-aeaff18421f2','spare','b7f4e33e-e520-4871-9a28-64a3a5f9f3bc','','29ba2497-b04d-42e8-8837-554ff7167069','senlin16-user-a','senlin16-a',NULL,-1,'standby','2026-12-06 15:16:30','2026-12-06 15:16:31','2026-12-06 15:16:31','ACTIVE','Creation succeeded','{}','{\"placement\": {\"zone\": \"ZONE1\"}}','{}',NULL);
INSERT INTO `node` VALUES ('54a8e9ff-79a3-4d70-a140-fa865586182a','web-001','8e22aba5-49ee-44d5-a35a-0f771a526060','','29ba2497-b04d-42e8-8837-554ff7167069','senlin16-user-a','senlin16-a',NULL,-1,NULL,'2026-12-06 15:16:17','2026-12-06 15:16:18','2026-12-06 15:16:41','ACTIVE','Creation succeeded','{}','{\"placement\": {\"zone\": \"ZONE1\"}}','{}',0);
INSERT INTO `node` VALUES ('725cf3a9-4555-47a2-b88d-3fd0630847cc','node-fb5HMISv','1e1e0088-b448-4d3f-bd7b-8d19073fc20d','6d59a483-bfa0-4363-97be-2e132230e70d','19596667-4c62-45c3-bf51-ece91c22beb4','senlin16-user-b','senlin16-b',NULL,1,'','2026-12-06 15:16:50','2026-12-06 15:16:50','2026-12-06 15:16:50','ACTIVE','Creation succeeded','{}','{\"placement\": {\"zone\": \"ZONE1\"}, \"lb_member\": \"9a7aff27-fd41-4ec1-ba4c-3eb92c629313\"}','{}',0);
INSERT INTO `node` VALUES ('7bad70dc-d5b6-4209-967f-7ff38f8b0ace','web-003','c611832c-babf-4d30-9554-43b65123b8a0','f13228f4-a501-4592-9b26-2f42e9128ac7','29ba2497-b04d-42e8-8837-554ff7167069','senlin16-user-a','senlin16-a',NULL,3,'database','2026-12-06 15:16:29','2026-12-06 15:16:30','2026-12-06 15:16:30','ACTIVE','Creation succeeded','{\"backup\": \"daily\"}','{\"placement\": {\"zone\": \"ZONE1\"}}','{}',NULL);
INSERT INTO `node` VALUES ('b0faf234-a362-4abc-badd-36ad14a3982b','web-002','50f8002d-d31b-4089-81a5-0cde42d4e523','f13228f4-a501-4592-9b26-2f42e9128ac7','29ba2497-b04d-42e8-8837-554ff7167069','senlin16-user-a','senlin16-a',NULL,2,'','2026-12-06 15:16:17','2026-12-06 15:16:18','2026-12-06 15:16:18','ACTIVE','Creation succeeded','{}','{\"placement\": {\"zone\": \"ZONE1\"}}','{}',0);
INSERT INTO `node` VALUES ('cf18546c-e92c-416d-b18f-b06e320b6279','web-004','14ec82e7-486a-4873-8912-4e626cc9d064','f13228f4-a501-4592-9b26-2f42e9128ac7','29ba2497-b04d-42e8-8837-554ff7167069','senlin16-user-a','senlin16-a',NULL,4,'','2026-12-06 15:16:33','2026-12-06 15:16:34','2026-12-06 15:16:34','ACTIVE','Creation succeeded','{}','{\"placement\": {\"zone\": \"ZONE1\"}}','{}',0);
INSERT INTO `node` VALUES ('ff487a5e-b93a-4dd6-94ce-47e63b6bc5f2','node-XoIVGUlj','3095aefc-09fb-4bc7-b1f0-f21a304e864c','e154f657-4043-4bd3-b1e5-20490463fd7e','83329e96-c14c-4cfc-a388-18cdae026b61','senlin16-user-b','senlin16-b',NULL,1,'','2026-12-06 15:16:46','2026-12-06 15:16:46','2026-12-06 15:16:46','ACTIVE','Creation succeeded','{}','{}','{}',0);
/*!40000 ALTER TABLE `node` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `receiver` DISABLE KEYS */;
INSERT INTO `receiver` VALUES ('98987401-de1e-426e-862a-7ca70eaca006','api-grow','webhook','senlin16-user-b','senlin16-b',NULL,'2026-12-06 15:16:56',NULL,'6d59a483-bfa0-4363-97be-2e132230e70d','{\"trust_id\": \"trust-senlin16-user-b-senlin16-b\"}','CLUSTER_SCALE_OUT','{}','{\"alarm_url\": \"http://127.0.0.1:8778/v1/webhooks/98987401-de1e-426e-862a-7ca70eaca006/trigger?V=2\"}');
INSERT INTO `receiver` VALUES ('c5b30cce-8a5c-4408-91aa-a5f1a86fc503','shrink','webhook','senlin16-user-a','senlin16-a',NULL,'2026-12-06 15:16:28',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7','{\"trust_id\": \"trust-senlin16-user-a-senlin16-a\"}','CLUSTER_SCALE_IN','{\"count\": \"1\"}','{\"alarm_url\": \"http://127.0.0.1:8778/v1/webhooks/c5b30cce-8a5c-4408-91aa-a5f1a86fc503/trigger?V=2&count=1\"}');
INSERT INTO `receiver` VALUES ('f9b0e6af-da99-4cc0-b2c2-1fa1b18dc9fb','grow','webhook','senlin16-user-a','senlin16-a',NULL,'2026-12-06 15:16:28',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7','{\"trust_id\": \"trust-senlin16-user-a-senlin16-a\"}','CLUSTER_SCALE_OUT','{}','{\"alarm_url\": \"http://127.0.0.1:8778/v1/webhooks/f9b0e6af-da99-4cc0-b2c2-1fa1b18dc9fb/trigger?V=2\"}');
/*!40000 ALTER TABLE `receiver` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `credential` DISABLE KEYS */;
INSERT INTO `credential` VALUES ('senlin16-user-a','senlin16-a','{\"openstack\": {\"trust\": \"trust-senlin16-user-a-senlin16-a\"}}','null');
INSERT INTO `credential` VALUES ('senlin16-user-b','senlin16-b','{\"openstack\": {\"trust\": \"trust-senlin16-user-b-senlin16-b\"}}','null');
INSERT INTO `credential` VALUES ('senlin16-user-c','senlin16-c','{\"openstack\": {\"trust\": \"trust-senlin16-user-c-senlin16-c\"}}','null');
/*!40000 ALTER TABLE `credential` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `action` DISABLE KEYS */;
INSERT INTO `action` VALUES ('0b793d61-8437-4648-b36e-53f9cb07486b','attach_policy_6d59a483','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-4ac347f0-4ed2-4ea5-be57-5e262080cf8d\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','6d59a483-bfa0-4363-97be-2e132230e70d','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796570215.002535,1796570215.642819,3600,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"bbe7e0ad-538b-4cf9-9f2f-a306a938f918\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:16:54',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'6d59a483-bfa0-4363-97be-2e132230e70d');
INSERT INTO `action` VALUES ('0c651549-8916-4b9a-a1ed-07254cf0bce9','webhook_4ee15233','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-20546b46-b05d-47bb-a1d0-d07668b62942\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','CLUSTER_SCALE_OUT','RPC Request',NULL,-1,1796569962.111470,1796569966.454401,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"alarm_id\": \"cpu-high\", \"current\": \"alarm\", \"last_op\": null}','{}',NULL,NULL,'2026-12-06 15:12:42','2026-12-06 15:12:42','{\"status\": \"OK\", \"reason\": \"Scaling request validated.\", \"creation\": {\"count\": 1}}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('0cb639de-b960-4ba2-92be-1c94eec33bf0','node_create_8073d6f1','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-ca740257-1796-4ec8-a681-5897bd1b28bd\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','8073d6f1-ee3b-479d-a3ee-6b04e2c6b569','NODE_CREATE','Derived Action',NULL,-1,1796569972.196739,1796569972.342186,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:12:52',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'93056444-b3a5-4a6c-a1ea-c313f0ff4efc');
INSERT INTO `action` VALUES ('17f97b14-c4b7-42bc-a636-9e9f107f6546','cluster_create_6d59a483','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-2c1c41b4-11e0-41b8-bd56-bafaf83619f4\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','6d59a483-bfa0-4363-97be-2e132230e70d','CLUSTER_CREATE','RPC Request',NULL,-1,1796570209.904485,1796570213.835919,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:16:49',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'6d59a483-bfa0-4363-97be-2e132230e70d');
INSERT INTO `action` VALUES ('1ad96359-bf86-400c-b2a2-8298b4b87c37','attach_policy_f13228f4','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-e272a7f8-22ba-4f0d-8670-938950c89964\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','f13228f4-a501-4592-9b26-2f42e9128ac7','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796570184.526938,1796570185.943091,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"dee32d6a-0d31-449e-bb85-7cb74a689a4b\", \"enabled\": false}','{}',NULL,NULL,'2026-12-06 15:16:24',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('25ea5130-3c2d-440f-9472-b4a83b6cb1d3','attach_policy_bcc5056a','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-50a484df-e751-42bf-ac52-7d2ab0ec49f0\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796569955.836923,1796569956.640065,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"9a69dfa5-8255-4f12-859e-36c4cf15f792\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:12:35',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('308b83df-e210-4863-a3cc-47aa5e81a7ad','node_create_54a8e9ff','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-a45d2ad9-e685-4b41-ae66-1ed5e295bc94\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','54a8e9ff-79a3-4d70-a140-fa865586182a','NODE_CREATE','Derived Action',NULL,-1,1796570178.118175,1796570178.780610,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:16:17',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('30b48af4-25a9-4750-bbc3-d42fbbf489fd','node_create_b0faf234','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-a45d2ad9-e685-4b41-ae66-1ed5e295bc94\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','b0faf234-a362-4abc-badd-36ad14a3982b','NODE_CREATE','Derived Action',NULL,-1,1796570178.196827,1796570178.840262,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:16:17',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('32c15beb-3792-4e9e-b42d-07cb35f9f9d4','node_delete_b9ba5d50','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-26389f14-af12-4e31-baca-bd4f67e8cc3e\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','b9ba5d50-9a91-45a6-82c2-ecef776c494e','NODE_DELETE','Derived Action',NULL,-1,1796570046.053872,1796570046.436913,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:14:05',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('33538bb1-8d7a-4624-8fe6-19a03bdeabf0','cluster_delete_e61b98b4','{\"user\": \"senlin16-user-c\", \"project_id\": \"senlin16-c\", \"system_scope\": null, \"project\": \"senlin16-c\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-1bc3e7c9-5830-4a9f-a67b-10f815cdf7d8\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-c senlin16-c - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-c\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-c-senlin16-c\", \"region_name\": null, \"password\": null, \"api_version\": null}','e61b98b4-56f2-4f1f-8da1-5ab6898369e2','CLUSTER_DELETE','RPC Request',NULL,-1,1796570056.850726,1796570060.192077,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:14:16',NULL,'{}','senlin16-user-c','senlin16-c',NULL,'e61b98b4-56f2-4f1f-8da1-5ab6898369e2');
INSERT INTO `action` VALUES ('3c086eab-04cd-44cf-a2ce-71c27cc03dff','node_create_a3eef69e','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-5488acc3-34f6-4149-9736-6cbbf0a05d44\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','a3eef69e-1d9a-494c-8845-7baa7e356d90','NODE_CREATE','RPC Request',NULL,-1,1796569960.406825,1796569961.095963,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:12:40',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('3e9990fd-4621-43b7-b01d-193d2edb9964','node_delete_70432a91','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-f32ae68c-e340-4a29-9457-82034719b2fd\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','70432a91-7c41-4b6b-aabd-1e0b872bd90b','NODE_DELETE','RPC Request',NULL,-1,1796570044.907363,1796570045.272255,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:14:04',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'');
INSERT INTO `action` VALUES ('407f5e35-24fc-40f3-95cc-6e74c2b57135','cluster_create_e61b98b4','{\"user\": \"senlin16-user-c\", \"project_id\": \"senlin16-c\", \"system_scope\": null, \"project\": \"senlin16-c\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-2e378523-f5e9-42a4-8394-8d53c8a542ef\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-c senlin16-c - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-c\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-c-senlin16-c\", \"region_name\": null, \"password\": null, \"api_version\": null}','e61b98b4-56f2-4f1f-8da1-5ab6898369e2','CLUSTER_CREATE','RPC Request',NULL,-1,1796569982.391000,1796570044.090977,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:13:02',NULL,'{}','senlin16-user-c','senlin16-c',NULL,'e61b98b4-56f2-4f1f-8da1-5ab6898369e2');
INSERT INTO `action` VALUES ('4153876d-2591-41a9-9505-140cf535b34c','node_delete_fb62476a','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-53a211b9-af4a-46c7-baf5-25ec018c1954\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','fb62476a-1f8e-4e1c-8035-d04ce34b7d56','NODE_DELETE','Derived Action',NULL,-1,1796570052.550336,1796570052.699519,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:14:12',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'3ded169c-ea0f-4cc2-a279-fba1c0667d2c');
INSERT INTO `action` VALUES ('42d8a80b-cf31-4073-b76f-c98d6453e066','node_create_725cf3a9','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-2c1c41b4-11e0-41b8-bd56-bafaf83619f4\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','725cf3a9-4555-47a2-b88d-3fd0630847cc','NODE_CREATE','Derived Action',NULL,-1,1796570210.459099,1796570210.804092,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:16:50',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'6d59a483-bfa0-4363-97be-2e132230e70d');
INSERT INTO `action` VALUES ('4c109785-2c3a-437e-a45c-2a7b207e92f5','cluster_create_f13228f4','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-a45d2ad9-e685-4b41-ae66-1ed5e295bc94\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','f13228f4-a501-4592-9b26-2f42e9128ac7','CLUSTER_CREATE','RPC Request',NULL,-1,1796570177.148220,1796570181.342815,1200,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:16:17',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('59529062-33ab-43aa-a1a4-6a79dd719db0','cluster_create_e154f657','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-7993bd4a-2c3b-4745-8a10-4b6dd9262fb7\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','e154f657-4043-4bd3-b1e5-20490463fd7e','CLUSTER_CREATE','RPC Request',NULL,-1,1796570205.591491,1796570209.490225,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:16:45',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'e154f657-4043-4bd3-b1e5-20490463fd7e');
INSERT INTO `action` VALUES ('59e9f0d8-8436-48a6-a07f-c64cd58bdcee','cluster_delete_bcc5056a','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-26389f14-af12-4e31-baca-bd4f67e8cc3e\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','CLUSTER_DELETE','RPC Request',NULL,-1,1796570044.674158,1796570049.268144,1200,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:14:04',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('6269627f-b4dc-4c1a-92ed-1a973e1fdc33','node_create_fb62476a','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-d658b466-bfa9-444e-bd2f-78c8e67d57d4\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','fb62476a-1f8e-4e1c-8035-d04ce34b7d56','NODE_CREATE','Derived Action',NULL,-1,1796569975.635443,1796569975.701454,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:12:55',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'3ded169c-ea0f-4cc2-a279-fba1c0667d2c');
INSERT INTO `action` VALUES ('7583edc9-2b23-4273-8ae5-2ba6d7bda6aa','node_create_cf18546c','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-99af40a1-fdd8-42fd-a249-573498fef4ce\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','cf18546c-e92c-416d-b18f-b06e320b6279','NODE_CREATE','Derived Action',NULL,-1,1796570193.814862,1796570194.313318,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:16:33',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('7acd450a-b9db-448c-9959-652cbf2e3360','node_delete_0ac260f9','{\"user\": \"senlin16-user-c\", \"project_id\": \"senlin16-c\", \"system_scope\": null, \"project\": \"senlin16-c\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-1bc3e7c9-5830-4a9f-a67b-10f815cdf7d8\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-c senlin16-c - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-c\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-c-senlin16-c\", \"region_name\": null, \"password\": null, \"api_version\": null}','0ac260f9-abd8-4e7c-b072-5ac0b10d95eb','NODE_DELETE','Derived Action',NULL,-1,1796570057.070925,1796570057.172849,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:14:16',NULL,'{}','senlin16-user-c','senlin16-c',NULL,'e61b98b4-56f2-4f1f-8da1-5ab6898369e2');
INSERT INTO `action` VALUES ('7d0b7772-0117-460f-8f5f-2d26293dabbd','node_delete_8073d6f1','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-f5b1e135-b9dd-4ae8-85ff-34486079c09b\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','8073d6f1-ee3b-479d-a3ee-6b04e2c6b569','NODE_DELETE','Derived Action',NULL,-1,1796570051.839159,1796570052.319088,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:14:11',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'93056444-b3a5-4a6c-a1ea-c313f0ff4efc');
INSERT INTO `action` VALUES ('7d8ec58c-3a55-4736-9b25-5b4b8bdc4ded','attach_policy_bcc5056a','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-34babe09-3bbc-4f36-b347-3e1feb3f7e7c\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796569954.991509,1796569955.233245,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"a67aec57-a83d-407b-9f59-d755a375a913\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:12:34',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('7d98d7ec-0ae0-412d-93cd-1ea5f25af4cd','node_create_ff487a5e','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-7993bd4a-2c3b-4745-8a10-4b6dd9262fb7\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','ff487a5e-b93a-4dd6-94ce-47e63b6bc5f2','NODE_CREATE','Derived Action',NULL,-1,1796570206.324801,1796570206.519897,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:16:46',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'e154f657-4043-4bd3-b1e5-20490463fd7e');
INSERT INTO `action` VALUES ('8afe6cee-79e0-40dd-9c69-883cf7476f92','cluster_create_f8307655','{\"user\": \"senlin16-user-c\", \"project_id\": \"senlin16-c\", \"system_scope\": null, \"project\": \"senlin16-c\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-7926609a-4bb3-41b6-b6df-169c94ab3ab8\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-c senlin16-c - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-c\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-c-senlin16-c\", \"region_name\": null, \"password\": null, \"api_version\": null}','f8307655-c57a-4e8b-8d14-a1f26a189dad','CLUSTER_CREATE','RPC Request','849eed91-b296-4f68-9afc-28ad9a4e8638',-1,1796570219.460629,NULL,3600,NULL,'RUNNING','The action is being processed.','{}','{}',NULL,NULL,'2026-12-06 15:16:59',NULL,'{}','senlin16-user-c','senlin16-c',NULL,'f8307655-c57a-4e8b-8d14-a1f26a189dad');
INSERT INTO `action` VALUES ('966df492-738d-45f4-92f0-24820012a95d','cluster_delete_93056444','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-f5b1e135-b9dd-4ae8-85ff-34486079c09b\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','93056444-b3a5-4a6c-a1ea-c313f0ff4efc','CLUSTER_DELETE','RPC Request',NULL,-1,1796570051.082548,1796570055.115790,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:14:11',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'93056444-b3a5-4a6c-a1ea-c313f0ff4efc');
INSERT INTO `action` VALUES ('9a898955-7881-4977-93de-6908b9e3b3f8','webhook_f9b0e6af','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-99af40a1-fdd8-42fd-a249-573498fef4ce\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','f13228f4-a501-4592-9b26-2f42e9128ac7','CLUSTER_SCALE_OUT','RPC Request',NULL,-1,1796570192.228649,1796570197.874768,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"alarm_id\": \"cpu-high\", \"current\": \"alarm\", \"last_op\": null}','{}',NULL,NULL,'2026-12-06 15:16:32','2026-12-06 15:16:33','{\"status\": \"OK\", \"reason\": \"Scaling request validated.\", \"creation\": {\"count\": 1}}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('a61b026c-c812-4af3-b38a-d209a738bd62','node_create_70432a91','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-07b6568c-c31c-402a-8262-2437072c562b\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','70432a91-7c41-4b6b-aabd-1e0b872bd90b','NODE_CREATE','RPC Request',NULL,-1,1796569961.271976,1796569961.439270,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:12:41',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'');
INSERT INTO `action` VALUES ('a8de8b45-9133-462a-8bd6-e67a48e0db61','node_create_ee272469','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-90b8d42b-e395-4b76-a448-8b4b7ba6695d\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','ee272469-8b2d-4e61-9df6-3881a952cee6','NODE_CREATE','Derived Action',NULL,-1,1796569951.686770,1796569951.827520,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:12:31',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('ad5c42c1-f167-418c-9e49-003550231663','cluster_del_nodes_f13228f4','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-5f5a1854-bc16-4a88-89a1-14c53d0b73c9\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','f13228f4-a501-4592-9b26-2f42e9128ac7','CLUSTER_DEL_NODES','RPC Request',NULL,-1,1796570198.504926,1796570204.385546,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"candidates\": [\"54a8e9ff-79a3-4d70-a140-fa865586182a\"], \"count\": 1, \"destroy_after_deletion\": false}','{}',NULL,NULL,'2026-12-06 15:16:38',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('b0f7ad1f-5a62-4566-b67e-98374c72d83b','attach_policy_bcc5056a','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-90ad2ec3-cc78-4e7b-8417-2850583d0910\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796569958.843218,1796569959.865640,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"f594c165-4fd4-4295-a99e-81a19aca3562\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:12:38',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('b6cc9145-405e-4870-98f0-61a1eb8e8be2','attach_policy_f13228f4','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-d8e4bccd-341e-4ed4-a711-9b7177a24b30\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','f13228f4-a501-4592-9b26-2f42e9128ac7','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796570183.120015,1796570183.892549,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"caf7309f-5ec1-441b-9a4d-d0b9677b9663\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:16:23',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('bebfe25e-0e55-4075-ab9b-9e5c4a0417eb','attach_policy_3ded169c','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-ee2df422-404e-495d-a2dc-b2b7506f5074\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','3ded169c-ea0f-4cc2-a279-fba1c0667d2c','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796569979.322589,1796569979.752292,3600,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"c08f8784-d6c7-46e7-935c-38bb0ec51f68\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:12:59',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'3ded169c-ea0f-4cc2-a279-fba1c0667d2c');
INSERT INTO `action` VALUES ('c2cb9161-ad01-4f79-a75c-2390cb963dd5','cluster_create_93056444','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-ca740257-1796-4ec8-a681-5897bd1b28bd\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','93056444-b3a5-4a6c-a1ea-c313f0ff4efc','CLUSTER_CREATE','RPC Request',NULL,-1,1796569971.721377,1796569975.243213,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:12:51',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'93056444-b3a5-4a6c-a1ea-c313f0ff4efc');
INSERT INTO `action` VALUES ('c9a6d68c-4651-4d74-9af5-808503421793','node_create_b9ba5d50','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-90b8d42b-e395-4b76-a448-8b4b7ba6695d\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','b9ba5d50-9a91-45a6-82c2-ecef776c494e','NODE_CREATE','Derived Action',NULL,-1,1796569951.701341,1796569951.850090,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:12:31',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('cda30c88-a64a-4741-8524-2dd093823521','node_create_7bad70dc','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-0a52961d-917c-4209-8657-2774c589bc17\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','7bad70dc-d5b6-4209-967f-7ff38f8b0ace','NODE_CREATE','RPC Request',NULL,-1,1796570189.266868,1796570190.436600,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:16:29',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('cfcc5fc1-9f85-404a-ab7e-391143cb834b','cluster_create_3ded169c','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-d658b466-bfa9-444e-bd2f-78c8e67d57d4\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','3ded169c-ea0f-4cc2-a279-fba1c0667d2c','CLUSTER_CREATE','RPC Request',NULL,-1,1796569975.478720,1796569978.762417,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:12:55',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'3ded169c-ea0f-4cc2-a279-fba1c0667d2c');
INSERT INTO `action` VALUES ('d726b6aa-3ac9-4d0a-b695-1fcf8d7dfa98','attach_policy_f13228f4','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-a50ebaef-d609-42f6-b085-65b8a09ee7ca\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','f13228f4-a501-4592-9b26-2f42e9128ac7','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796570186.916700,1796570188.505270,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"efbaa8cf-9cd9-4bd7-93df-a72897038009\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:16:26',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('d8509acc-2822-4400-9287-48be1fd108da','cluster_scale_in_bcc5056a','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-8f255d55-94c3-4d31-90a2-e7da36427854\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','CLUSTER_SCALE_IN','RPC Request',NULL,-1,1796569966.913311,1796569971.219267,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"count\": 1, \"last_op\": \"2026-12-06T15:12:46.000000\"}','{}',NULL,NULL,'2026-12-06 15:12:46','2026-12-06 15:12:47','{\"status\": \"OK\", \"reason\": \"Scaling request validated.\", \"deletion\": {\"count\": 1}}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('dfd0ce01-afc9-462c-ae5f-c1342b122e53','node_create_0ac260f9','{\"user\": \"senlin16-user-c\", \"project_id\": \"senlin16-c\", \"system_scope\": null, \"project\": \"senlin16-c\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-2e378523-f5e9-42a4-8394-8d53c8a542ef\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-c senlin16-c - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-c\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-c-senlin16-c\", \"region_name\": null, \"password\": null, \"api_version\": null}','0ac260f9-abd8-4e7c-b072-5ac0b10d95eb','NODE_CREATE','Derived Action',NULL,-1,1796569983.070852,1796570043.288379,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:13:02',NULL,'{}','senlin16-user-c','senlin16-c',NULL,'e61b98b4-56f2-4f1f-8da1-5ab6898369e2');
INSERT INTO `action` VALUES ('e28fbd0d-1ff3-4014-89a0-6a16a299de8a','attach_policy_bcc5056a','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-3fa7981b-72cc-4f77-9ecf-e247587283be\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796569957.209267,1796569958.174610,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"3847ffb4-29ff-4eaf-b96a-49183267020b\", \"enabled\": false}','{}',NULL,NULL,'2026-12-06 15:12:37',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('ea58e871-5af8-4344-bec9-80196f003d3a','node_create_43319c30','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-20546b46-b05d-47bb-a1d0-d07668b62942\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','43319c30-bc11-49b1-921e-e6ef39aaba57','NODE_CREATE','Derived Action',NULL,-1,1796569963.042754,1796569963.225827,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:12:42',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('ecc83215-f1bb-4245-972e-7d9a820cb726','node_delete_54a8e9ff','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-5f5a1854-bc16-4a88-89a1-14c53d0b73c9\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','54a8e9ff-79a3-4d70-a140-fa865586182a','NODE_LEAVE','Derived Action',NULL,-1,1796570200.756386,1796570201.211992,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:16:40',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('f2280554-3ef7-4bcc-9752-372d8f62782e','cluster_create_bcc5056a','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-90b8d42b-e395-4b76-a448-8b4b7ba6695d\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','CLUSTER_CREATE','RPC Request',NULL,-1,1796569951.268264,1796569954.776565,1200,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:12:31',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('f88fa84e-8b9b-42ce-b773-d705ebeb2ca6','cluster_delete_3ded169c','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-53a211b9-af4a-46c7-baf5-25ec018c1954\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','3ded169c-ea0f-4cc2-a279-fba1c0667d2c','CLUSTER_DELETE','RPC Request',NULL,-1,1796570051.585427,1796570055.609912,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:14:11',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'3ded169c-ea0f-4cc2-a279-fba1c0667d2c');
INSERT INTO `action` VALUES ('f90c0ba0-907f-4227-a853-305b624e6cf1','node_delete_43319c30','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-26389f14-af12-4e31-baca-bd4f67e8cc3e\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','43319c30-bc11-49b1-921e-e6ef39aaba57','NODE_DELETE','Derived Action',NULL,-1,1796570046.062975,1796570046.460750,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:14:05',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('f98283c1-f87e-415e-86e6-9dfcd8d817d1','attach_policy_f13228f4','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-7bb5eaab-e8cc-450b-8843-816c74e4dac0\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','f13228f4-a501-4592-9b26-2f42e9128ac7','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796570181.924389,1796570182.599903,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"9611b0d3-1e71-48b7-a8d4-5699a6efad8a\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:16:21',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'f13228f4-a501-4592-9b26-2f42e9128ac7');
INSERT INTO `action` VALUES ('fa1dc776-aebb-439d-baab-ca9c1ff77491','node_delete_a3eef69e','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-8f255d55-94c3-4d31-90a2-e7da36427854\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','a3eef69e-1d9a-494c-8845-7baa7e356d90','NODE_DELETE','Derived Action',NULL,-1,1796569967.762379,1796569967.914503,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:12:47',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
INSERT INTO `action` VALUES ('fbc74e97-2239-46f9-82fc-5d699b25959b','node_create_120e6245','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-fc7dbc8d-dbf6-4d0d-a888-972969bfb13d\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','120e6245-b84d-411a-b11a-aeaff18421f2','NODE_CREATE','RPC Request',NULL,-1,1796570190.874407,1796570191.257275,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:16:30',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'');
INSERT INTO `action` VALUES ('fca60c89-15aa-4817-b507-2b252cf1735f','node_delete_ee272469','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-26389f14-af12-4e31-baca-bd4f67e8cc3e\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','ee272469-8b2d-4e61-9df6-3881a952cee6','NODE_DELETE','Derived Action',NULL,-1,1796570046.089907,1796570046.500946,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:14:05',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'bcc5056a-cbc7-41e6-8e70-4205c8918ccf');
/*!40000 ALTER TABLE `action` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `event` DISABLE KEYS */;
INSERT INTO `event` VALUES ('0bd5cacb-e159-4abb-a5dd-5d8251bdbd5c','2026-12-06 15:16:31','120e6245-b84d-411a-b11a-aeaff18421f2','spare','NODE','','20','senlin16-user-a','senlin16-a','NODE_CREATE','end','Node created successfully.','{}');
INSERT INTO `event` VALUES ('0e34a59b-5456-46ae-8e77-54c75d584d7f','2026-12-06 15:12:35','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','7d8ec58c','{}');
INSERT INTO `event` VALUES ('0fe9faf6-ae9b-4d8b-82d1-f51788e273a8','2026-12-06 15:16:22','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('10b77d7d-a3fa-4d49-87f3-c2e3ed3b8c54','2026-12-06 15:16:37','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_SCALE_OUT','end','Cluster scaling succeeded.','{}');
INSERT INTO `event` VALUES ('12c2e733-8a0e-49a3-8d16-e49bf1304b97','2026-12-06 15:16:28','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('16594ef4-c08d-4df0-b7f2-3fec3ee377df','2026-12-06 15:12:38','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('1722f5f1-ce8e-450d-902b-12820ddb803c','2026-12-06 15:16:55','6d59a483-bfa0-4363-97be-2e132230e70d','api','CLUSTER','6d59a483-bfa0-4363-97be-2e132230e70d','20','senlin16-user-b','senlin16-b','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('18f53a43-6797-4dd8-9fde-79a322039500','2026-12-06 15:14:05','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_DELETE','start','59e9f0d8','{}');
INSERT INTO `event` VALUES ('19802c54-0146-48da-b70f-b73e53b085cc','2026-12-06 15:16:45','e154f657-4043-4bd3-b1e5-20490463fd7e','stacks','CLUSTER','e154f657-4043-4bd3-b1e5-20490463fd7e','20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','start','59529062','{}');
INSERT INTO `event` VALUES ('1deb87d1-da48-445a-a3f4-15d7e1f4a9d5','2026-12-06 15:12:34','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_CREATE','end','Cluster creation succeeded.','{}');
INSERT INTO `event` VALUES ('1eb08a32-5d7c-4ebf-a741-c66f34cea536','2026-12-06 15:12:51','93056444-b3a5-4a6c-a1ea-c313f0ff4efc','stacks','CLUSTER',NULL,'20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','start','c2cb9161','{}');
INSERT INTO `event` VALUES ('23745734-8490-4571-b058-734a36fafbeb','2026-12-06 15:12:40','a3eef69e-1d9a-494c-8845-7baa7e356d90','web-003','NODE',NULL,'20','senlin16-user-a','senlin16-a','NODE_CREATE','start','3c086eab','{}');
INSERT INTO `event` VALUES ('2ca653eb-6912-450e-b132-edb81901d6ce','2026-12-06 15:14:15','93056444-b3a5-4a6c-a1ea-c313f0ff4efc','stacks','CLUSTER','93056444-b3a5-4a6c-a1ea-c313f0ff4efc','20','senlin16-user-b','senlin16-b','CLUSTER_DELETE','end','All dependents ended with success','{}');
INSERT INTO `event` VALUES ('2f461d78-0989-41f0-ac87-e783ef6b3c2a','2026-12-06 15:12:36','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('31931dbc-3ec7-41ac-91f4-1f62426ef1c8','2026-12-06 15:12:41','70432a91-7c41-4b6b-aabd-1e0b872bd90b','spare','NODE','','20','senlin16-user-a','senlin16-a','NODE_CREATE','end','Node created successfully.','{}');
INSERT INTO `event` VALUES ('32e58bd8-2d7c-4fe4-bbed-d1acddafd627','2026-12-06 15:16:17','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_CREATE','start','4c109785','{}');
INSERT INTO `event` VALUES ('337e5b57-515e-44a4-843c-53ff6f89526e','2026-12-06 15:16:50','6d59a483-bfa0-4363-97be-2e132230e70d','api','CLUSTER','6d59a483-bfa0-4363-97be-2e132230e70d','20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','start','17f97b14','{}');
INSERT INTO `event` VALUES ('369e0642-6dc5-466f-ab5a-528873b6d9a0','2026-12-06 15:12:58','3ded169c-ea0f-4cc2-a279-fba1c0667d2c','api','CLUSTER',NULL,'20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','end','Cluster creation succeeded.','{}');
INSERT INTO `event` VALUES ('37bfd5b3-207b-4962-86e7-09035bb59fad','2026-12-06 15:16:22','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','f98283c1','{}');
INSERT INTO `event` VALUES ('3b0f51e7-f61f-47df-8a31-1369a71bc5a7','2026-12-06 15:16:30','7bad70dc-d5b6-4209-967f-7ff38f8b0ace','web-003','NODE','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','NODE_CREATE','end','Node created successfully.','{}');
INSERT INTO `event` VALUES ('4155d75c-9b7d-429f-93bc-bd20610e3ac9','2026-12-06 15:14:04','e61b98b4-56f2-4f1f-8da1-5ab6898369e2','slow','CLUSTER',NULL,'20','senlin16-user-c','senlin16-c','CLUSTER_CREATE','end','Cluster creation succeeded.','{}');
INSERT INTO `event` VALUES ('44dc0456-79ac-4715-8ff1-0b02e8eef062','2026-12-06 15:16:23','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','b6cc9145','{}');
INSERT INTO `event` VALUES ('45d2f4b3-57f7-4045-8972-2dd384673161','2026-12-06 15:12:46','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_SCALE_OUT','end','Cluster scaling succeeded.','{}');
INSERT INTO `event` VALUES ('48672029-3259-4a4f-b485-76f1231ffd7f','2026-12-06 15:14:11','93056444-b3a5-4a6c-a1ea-c313f0ff4efc','stacks','CLUSTER',NULL,'20','senlin16-user-b','senlin16-b','CLUSTER_DELETE','start','966df492','{}');
INSERT INTO `event` VALUES ('48d84533-bf1e-44c7-bfd7-c64b45a1c31c','2026-12-06 15:12:47','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_SCALE_IN','start','d8509acc','{}');
INSERT INTO `event` VALUES ('51062d26-a38c-4b78-a9f8-1a025938f243','2026-12-06 15:16:23','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('575106a5-9055-45d7-aba0-5856f8581d56','2026-12-06 15:16:49','e154f657-4043-4bd3-b1e5-20490463fd7e','stacks','CLUSTER','e154f657-4043-4bd3-b1e5-20490463fd7e','20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','end','Cluster creation succeeded.','{}');
INSERT INTO `event` VALUES ('59bddc6b-fe38-41d3-9df4-556fbaa3187b','2026-12-06 15:16:29','7bad70dc-d5b6-4209-967f-7ff38f8b0ace','web-003','NODE','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','NODE_CREATE','start','cda30c88','{}');
INSERT INTO `event` VALUES ('61696239-9fb2-40b0-b7e2-314a1658d545','2026-12-06 15:12:35','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('67b1f5d6-4d2f-4e15-a22f-c5e5f68756fd','2026-12-06 15:14:05','70432a91-7c41-4b6b-aabd-1e0b872bd90b','spare','NODE','','20','senlin16-user-a','senlin16-a','NODE_DELETE','end','Node deleted successfully.','{}');
INSERT INTO `event` VALUES ('685f67b3-4357-4e3b-8f13-d68a7008422e','2026-12-06 15:12:37','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','e28fbd0d','{}');
INSERT INTO `event` VALUES ('69207ff8-8df8-4be2-bdce-5cae203def96','2026-12-06 15:14:15','3ded169c-ea0f-4cc2-a279-fba1c0667d2c','api','CLUSTER','3ded169c-ea0f-4cc2-a279-fba1c0667d2c','20','senlin16-user-b','senlin16-b','CLUSTER_DELETE','end','All dependents ended with success','{}');
INSERT INTO `event` VALUES ('725b447c-495d-4844-a343-8214bcb855f6','2026-12-06 15:13:02','e61b98b4-56f2-4f1f-8da1-5ab6898369e2','slow','CLUSTER',NULL,'20','senlin16-user-c','senlin16-c','CLUSTER_CREATE','start','407f5e35','{}');
INSERT INTO `event` VALUES ('75c8a376-75f5-41ce-a960-8a931da01f64','2026-12-06 15:16:59','f8307655-c57a-4e8b-8d14-a1f26a189dad','slow','CLUSTER','f8307655-c57a-4e8b-8d14-a1f26a189dad','20','senlin16-user-c','senlin16-c','CLUSTER_CREATE','start','8afe6cee','{}');
INSERT INTO `event` VALUES ('76f7db43-e19e-4364-950e-c555122c6fe3','2026-12-06 15:16:21','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_CREATE','end','Cluster creation succeeded.','{}');
INSERT INTO `event` VALUES ('77797534-e634-42ff-ba67-b5867b8ac247','2026-12-06 15:16:39','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_DEL_NODES','start','ad5c42c1','{}');
INSERT INTO `event` VALUES ('7d42ab1e-edc4-42f1-9201-f505fcd5afda','2026-12-06 15:12:51','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_SCALE_IN','end','Cluster scaling succeeded.','{}');
INSERT INTO `event` VALUES ('7e0e8975-ea75-4e9a-a58b-cbc4dac5cc81','2026-12-06 15:12:42','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_SCALE_OUT','start','0c651549','{}');
INSERT INTO `event` VALUES ('8097e7f1-5053-4550-8792-6b6d1b978514','2026-12-06 15:12:55','3ded169c-ea0f-4cc2-a279-fba1c0667d2c','api','CLUSTER',NULL,'20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','start','cfcc5fc1','{}');
INSERT INTO `event` VALUES ('843f76cf-d264-4943-94d0-41d2c8362e26','2026-12-06 15:16:27','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','d726b6aa','{}');
INSERT INTO `event` VALUES ('84819715-f207-4c14-bb6b-1cc320361ac2','2026-12-06 15:12:31','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_CREATE','start','f2280554','{}');
INSERT INTO `event` VALUES ('8c08ed98-e264-40dc-a52f-710898ea7b7e','2026-12-06 15:12:59','3ded169c-ea0f-4cc2-a279-fba1c0667d2c','api','CLUSTER',NULL,'20','senlin16-user-b','senlin16-b','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('92889570-6a71-43bf-9804-aba184fb68a8','2026-12-06 15:14:16','e61b98b4-56f2-4f1f-8da1-5ab6898369e2','slow','CLUSTER',NULL,'20','senlin16-user-c','senlin16-c','CLUSTER_DELETE','start','33538bb1','{}');
INSERT INTO `event` VALUES ('a12423de-77f2-413d-84cc-8292b7181b71','2026-12-06 15:16:26','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('a160516c-4430-4dd9-a33a-397a88c9c7c9','2026-12-06 15:14:11','3ded169c-ea0f-4cc2-a279-fba1c0667d2c','api','CLUSTER',NULL,'20','senlin16-user-b','senlin16-b','CLUSTER_DELETE','start','f88fa84e','{}');
INSERT INTO `event` VALUES ('a7bbd9e0-7213-4b26-b16a-ea7685f3df2b','2026-12-06 15:16:31','120e6245-b84d-411a-b11a-aeaff18421f2','spare','NODE','','20','senlin16-user-a','senlin16-a','NODE_CREATE','start','fbc74e97','{}');
INSERT INTO `event` VALUES ('ab5f23da-ba11-4800-adfa-624381acb702','2026-12-06 15:12:55','93056444-b3a5-4a6c-a1ea-c313f0ff4efc','stacks','CLUSTER',NULL,'20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','end','Cluster creation succeeded.','{}');
INSERT INTO `event` VALUES ('b38c363b-8ecd-4db8-be7d-b980c8e0b4b6','2026-12-06 15:12:39','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('c185c3fa-705f-4ad8-99cc-70f01286be6b','2026-12-06 15:14:20','e61b98b4-56f2-4f1f-8da1-5ab6898369e2','slow','CLUSTER','e61b98b4-56f2-4f1f-8da1-5ab6898369e2','20','senlin16-user-c','senlin16-c','CLUSTER_DELETE','end','All dependents ended with success','{}');
INSERT INTO `event` VALUES ('c9b2b97f-2c67-424e-8274-0d3248a9278a','2026-12-06 15:12:59','3ded169c-ea0f-4cc2-a279-fba1c0667d2c','api','CLUSTER',NULL,'20','senlin16-user-b','senlin16-b','CLUSTER_ATTACH_POLICY','start','bebfe25e','{}');
INSERT INTO `event` VALUES ('cbeb58b9-924f-42c2-be43-e5c2468fa479','2026-12-06 15:16:53','6d59a483-bfa0-4363-97be-2e132230e70d','api','CLUSTER','6d59a483-bfa0-4363-97be-2e132230e70d','20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','end','Cluster creation succeeded.','{}');
INSERT INTO `event` VALUES ('da278ea9-16d5-45f7-8093-48af71248d55','2026-12-06 15:14:09','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','20','senlin16-user-a','senlin16-a','CLUSTER_DELETE','end','All dependents ended with success','{}');
INSERT INTO `event` VALUES ('da6d20d3-cdfd-4401-8a4a-05cef94660fe','2026-12-06 15:12:41','a3eef69e-1d9a-494c-8845-7baa7e356d90','web-003','NODE',NULL,'20','senlin16-user-a','senlin16-a','NODE_CREATE','end','Node created successfully.','{}');
INSERT INTO `event` VALUES ('e0cc8666-ac7f-4824-a33a-ea049ddeed62','2026-12-06 15:12:41','70432a91-7c41-4b6b-aabd-1e0b872bd90b','spare','NODE','','20','senlin16-user-a','senlin16-a','NODE_CREATE','start','a61b026c','{}');
INSERT INTO `event` VALUES ('e201d4ef-6e68-462c-bc29-b993f41ec997','2026-12-06 15:16:32','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_SCALE_OUT','start','9a898955','{}');
INSERT INTO `event` VALUES ('e3d44be3-6543-4163-a545-068512e87f57','2026-12-06 15:16:55','6d59a483-bfa0-4363-97be-2e132230e70d','api','CLUSTER','6d59a483-bfa0-4363-97be-2e132230e70d','20','senlin16-user-b','senlin16-b','CLUSTER_ATTACH_POLICY','start','0b793d61','{}');
INSERT INTO `event` VALUES ('e403a8e1-e346-4970-81fb-dfec3d21a072','2026-12-06 15:12:36','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','25ea5130','{}');
INSERT INTO `event` VALUES ('e764f7bb-760b-4461-a06c-c33a2acc978a','2026-12-06 15:14:05','70432a91-7c41-4b6b-aabd-1e0b872bd90b','spare','NODE','','20','senlin16-user-a','senlin16-a','NODE_DELETE','start','3e9990fd','{}');
INSERT INTO `event` VALUES ('ea6e3d24-ffd7-4edf-825a-6611e1d6e1cd','2026-12-06 15:16:24','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','1ad96359','{}');
INSERT INTO `event` VALUES ('eaf60113-03d7-4c13-bada-e2893e9b4edf','2026-12-06 15:12:39','bcc5056a-cbc7-41e6-8e70-4205c8918ccf','web','CLUSTER',NULL,'20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','b0f7ad1f','{}');
INSERT INTO `event` VALUES ('ed73b929-342b-4afd-a174-e2f4b0f726dc','2026-12-06 15:16:44','f13228f4-a501-4592-9b26-2f42e9128ac7','web','CLUSTER','f13228f4-a501-4592-9b26-2f42e9128ac7','20','senlin16-user-a','senlin16-a','CLUSTER_DEL_NODES','end','Completed deleting nodes.','{}');
/*!40000 ALTER TABLE `event` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `cluster_policy` DISABLE KEYS */;
INSERT INTO `cluster_policy` VALUES ('07e9298b-1a87-4eef-bd87-ca615f0c85d0','f13228f4-a501-4592-9b26-2f42e9128ac7','caf7309f-5ec1-441b-9a4d-d0b9677b9663',NULL,100,NULL,1,'null','2026-12-06 15:16:37');
INSERT INTO `cluster_policy` VALUES ('48cac9bc-5879-4c3d-9db4-c7fe4cf158c2','f13228f4-a501-4592-9b26-2f42e9128ac7','9611b0d3-1e71-48b7-a8d4-5699a6efad8a',NULL,100,NULL,1,'null','2026-12-06 15:16:37');
INSERT INTO `cluster_policy` VALUES ('77dcd601-7c8c-45ac-83ef-27f66c9765d6','f13228f4-a501-4592-9b26-2f42e9128ac7','efbaa8cf-9cd9-4bd7-93df-a72897038009',NULL,600,NULL,1,'{\"HealthPolicy\": {\"version\": \"1.2\", \"data\": {\"interval\": 600, \"node_update_timeout\": 300, \"recovery_conditional\": \"ANY_FAILED\", \"node_delete_timeout\": 20, \"node_force_recreate\": false, \"detection_modes\": [{\"type\": \"NODE_STATUS_POLLING\", \"poll_url\": \"\", \"poll_url_ssl_verify\": true, \"poll_url_conn_error_as_unhealthy\": true, \"poll_url_healthy_response\": \"\", \"poll_url_retry_limit\": \"\", \"poll_url_retry_interval\": \"\"}]}}}',NULL);
INSERT INTO `cluster_policy` VALUES ('bd805d0d-c967-4177-b7ce-6aefcb982be8','f13228f4-a501-4592-9b26-2f42e9128ac7','dee32d6a-0d31-449e-bb85-7cb74a689a4b',NULL,400,NULL,0,'null',NULL);
INSERT INTO `cluster_policy` VALUES ('fda8ae39-7571-4149-a449-046e67e791c3','6d59a483-bfa0-4363-97be-2e132230e70d','bbe7e0ad-538b-4cf9-9f2f-a306a938f918',NULL,500,NULL,1,'{\"LoadBalancingPolicy\": {\"version\": \"1.3\", \"data\": {\"loadbalancer\": \"a36c20d0-18e9-42ce-88fd-82a35977ee8c\", \"listener\": \"35cb8516-1173-4035-8dae-0dae3453f37f\", \"pool\": \"4c0a0a5f-cf8f-44b7-b912-957daa8ce5e5\", \"healthmonitor\": \"0a9ac99d-0a09-4b18-8499-a0796850279a\"}}}',NULL);
/*!40000 ALTER TABLE `cluster_policy` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `health_registry` DISABLE KEYS */;
INSERT INTO `health_registry` VALUES ('49b02a14-4b3b-4aec-b41f-cfbd33d332d2','f13228f4-a501-4592-9b26-2f42e9128ac7','NODE_STATUS_POLLING',600,'{\"recover_action\": [{\"name\": \"RECREATE\", \"params\": null}], \"node_delete_timeout\": 20, \"node_force_recreate\": false, \"recovery_conditional\": \"ANY_FAILED\", \"detection_modes\": [{\"type\": \"NODE_STATUS_POLLING\", \"poll_url\": \"\", \"poll_url_ssl_verify\": true, \"poll_url_conn_error_as_unhealthy\": true, \"poll_url_healthy_response\": \"\", \"poll_url_retry_limit\": \"\", \"poll_url_retry_interval\": \"\"}], \"node_update_timeout\": 300}','92eba4e1-056d-4d5e-9ddc-62b8c80c43b9',1);
/*!40000 ALTER TABLE `health_registry` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `cluster_lock` DISABLE KEYS */;
INSERT INTO `cluster_lock` VALUES ('f8307655-c57a-4e8b-8d14-a1f26a189dad','[\"8afe6cee-79e0-40dd-9c69-883cf7476f92\"]',-1);
/*!40000 ALTER TABLE `cluster_lock` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `node_lock` DISABLE KEYS */;
/*!40000 ALTER TABLE `node_lock` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `dependency` DISABLE KEYS */;
/*!40000 ALTER TABLE `dependency` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

